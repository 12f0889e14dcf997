package prism.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import prism.ui.PrismUI;

/**
 * The analyst's perspective: the Customer Explorer on the left with the playbook, runs and schemes
 * below it; the segment charts on the right above the customer editors.
 */
public class PrismPerspective implements IPerspectiveFactory {
    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(PrismUI.EXPLORER_VIEW_ID, IPageLayout.LEFT, 0.55f, editors);
        IFolderLayout right = layout.createFolder("prism.right", IPageLayout.TOP, 0.62f, editors);
        right.addView(PrismUI.SEGMENTS_VIEW_ID);
        right.addView(PrismUI.MIGRATION_VIEW_ID);
        right.addPlaceholder("prism.scheme.*");
        IFolderLayout bottom = layout.createFolder("prism.bottom", IPageLayout.BOTTOM, 0.62f, PrismUI.EXPLORER_VIEW_ID);
        bottom.addView(PrismUI.PLAYBOOK_VIEW_ID);
        bottom.addView(PrismUI.RUNS_VIEW_ID);
        bottom.addView(PrismUI.INSTALLED_SCHEMES_VIEW_ID);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW); // the reads and runs under way, each with its Cancel
    }
}
