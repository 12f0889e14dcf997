package prism.ui;

/** Ids of the shared workbench's parts, for scheme UI bundles and tests. */
public final class PrismUI {
    public static final String PERSPECTIVE_ID = "prism.ui.perspective";
    public static final String INSTALLED_SCHEMES_VIEW_ID = "prism.ui.views.schemes";

    private PrismUI() {
    }
}
