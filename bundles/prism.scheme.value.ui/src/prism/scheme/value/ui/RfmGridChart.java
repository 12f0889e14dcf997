package prism.scheme.value.ui;

import org.eclipse.swt.widgets.Composite;

import prism.ui.HeatMap;
import prism.ui.SegmentChart;
import prism.ui.WorkbenchData;

/** The R × F grid as a Segment Overview chart; a cell lists its customers in the explorer. */
public class RfmGridChart implements SegmentChart {
    @Override
    public void create(Composite parent, WorkbenchData data, int run, String schemeId) {
        HeatMap grid = new HeatMap(parent);
        grid.setData(RfmGridView.ROWS, RfmGridView.COLUMNS, RfmGridView.counts(data.store().queries().scoreCounts(run, schemeId)));
        grid.onCellClick((r, f) -> prism.ui.PrismUI.showInExplorer(org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage(), java.util.Map.of(), java.util.Map.of(schemeId, RfmGridView.cell(r, f))));
    }
}
