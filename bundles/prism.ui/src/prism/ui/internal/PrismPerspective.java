package prism.ui.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import prism.ui.PrismUI;

/** The analyst's perspective: for now the installed schemes; the views of later issues join it. */
public class PrismPerspective implements IPerspectiveFactory {
    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addStandaloneView(PrismUI.INSTALLED_SCHEMES_VIEW_ID, true, IPageLayout.LEFT, 1.0f, layout.getEditorArea());
    }
}
