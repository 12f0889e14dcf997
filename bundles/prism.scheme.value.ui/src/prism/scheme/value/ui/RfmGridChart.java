package prism.scheme.value.ui;

import org.eclipse.swt.widgets.Composite;

import prism.ui.HeatMap;
import prism.ui.SegmentChart;
import prism.ui.WorkbenchData;

/** The R × F grid as a Segment Overview chart. */
public class RfmGridChart implements SegmentChart {
    @Override
    public void create(Composite parent, WorkbenchData data, int run, String schemeId) {
        HeatMap grid = new HeatMap(parent);
        grid.setData(RfmGridView.ROWS, RfmGridView.COLUMNS, RfmGridView.counts(data.store().queries().scoreCounts(run, schemeId)));
    }
}
