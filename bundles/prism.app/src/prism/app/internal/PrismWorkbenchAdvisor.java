package prism.app.internal;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import prism.ui.PrismUI;

/** Opens the Prism perspective in a window titled Prism. */
public class PrismWorkbenchAdvisor extends WorkbenchAdvisor {

    /** For smoke tests of the product: close the workbench as soon as it has started. */
    static final String EXIT_AFTER_STARTUP = "prism.exitAfterStartup";
    /**
     * For the product's smoke test of a restart (what p2 asks for after an install): a file that gets a line
     * at each start-up; on the first, the workbench restarts itself, so the launcher must start it again.
     */
    static final String RESTART_ONCE = "prism.restartOnceAfterStartup";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(true);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return PrismUI.PERSPECTIVE_ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                IWorkbenchWindowConfigurer c = getWindowConfigurer();
                c.setInitialSize(new Point(1280, 800));
                c.setShowStatusLine(true);
                c.setShowProgressIndicator(true); // every job's progress, with its Cancel button
                c.setShowCoolBar(false);
                c.setTitle("Prism");
            }

            @Override
            public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
                return new PrismActionBarAdvisor(configurer);
            }
        };
    }

    @Override
    public void postStartup() {
        prism.ui.SchemeActivities.install();
        String restartOnce = System.getProperty(RESTART_ONCE);
        if (restartOnce != null) {
            java.nio.file.Path marker = java.nio.file.Path.of(restartOnce);
            boolean first = !java.nio.file.Files.exists(marker);
            try {
                java.nio.file.Files.writeString(marker, "started\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (first) {
                PlatformUI.getWorkbench().getDisplay().timerExec(2000, () -> PlatformUI.getWorkbench().restart());
                return;
            }
        }
        if (Boolean.getBoolean(EXIT_AFTER_STARTUP)) {
            PlatformUI.getWorkbench().getDisplay().timerExec(2000, () -> PlatformUI.getWorkbench().close());
        }
    }
}
