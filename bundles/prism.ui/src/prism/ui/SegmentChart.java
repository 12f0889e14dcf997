package prism.ui;

import org.eclipse.swt.widgets.Composite;

/**
 * A chart a scheme UI bundle adds to the Segment Overview (extension point {@code prism.ui.schemeUi},
 * element {@code chart}). Called on the UI thread; {@code parent} is emptied before each call.
 */
public interface SegmentChart {

    /** Draws the chart of {@code schemeId} for stored run {@code run} into {@code parent}. */
    void create(Composite parent, WorkbenchData data, int run, String schemeId);
}
