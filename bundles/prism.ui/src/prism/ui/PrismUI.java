package prism.ui;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Ids of the shared workbench's parts, for scheme UI bundles and tests, and logging. */
public final class PrismUI {
    public static final String PLUGIN_ID = "prism.ui";
    public static final String PERSPECTIVE_ID = "prism.ui.perspective";
    public static final String EXPLORER_VIEW_ID = "prism.ui.views.explorer";
    public static final String SEGMENTS_VIEW_ID = "prism.ui.views.segments";
    public static final String MIGRATION_VIEW_ID = "prism.ui.views.migration";
    public static final String PLAYBOOK_VIEW_ID = "prism.ui.views.playbook";
    public static final String RUNS_VIEW_ID = "prism.ui.views.runs";
    public static final String INSTALLED_SCHEMES_VIEW_ID = "prism.ui.views.schemes";
    public static final String CUSTOMER_EDITOR_ID = "prism.ui.editors.customer";
    public static final String SCHEME_UI_EXTENSION_POINT = "prism.ui.schemeUi";

    private PrismUI() {
    }

    /**
     * Opens the Customer Explorer showing only the customers in the given classes (scheme → class ids) and
     * with scores in the given ranges (scheme → range): what a click on a chart's bar or cell does.
     *
     * @since 1.1
     */
    public static void showInExplorer(org.eclipse.ui.IWorkbenchPage page, java.util.Map<String, java.util.Set<String>> classes,
            java.util.Map<String, prism.store.ExplorerQuery.ScoreRange> scores) {
        try {
            ((prism.ui.internal.views.CustomerExplorerView) page.showView(EXPLORER_VIEW_ID)).filter(classes, scores);
        } catch (org.eclipse.ui.PartInitException e) {
            log("cannot open the explorer", e);
        }
    }

    public static void log(String message, Throwable t) {
        ILog.of(PrismUI.class).log(new Status(IStatus.ERROR, PLUGIN_ID, message, t));
    }

    public static IStatus error(String message, Throwable t) {
        return new Status(IStatus.ERROR, PLUGIN_ID, message + (t == null || t.getMessage() == null ? "" : ": " + t.getMessage()), t);
    }
}
