package prism.scheme.value.ui;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

import prism.core.scheme.InstalledScheme;
import prism.store.RunInfo;
import prism.ui.HeatMap;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/**
 * The R × F grid: customers by recency quintile (rows, 5 = most recent) and frequency quintile (columns); a
 * click on a cell lists its customers in the explorer.
 */
public class RfmGridView extends SchemeViewPart {

    private HeatMap grid;

    public RfmGridView() {
        super("value.rfm");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        grid = new HeatMap(parent);
        grid.onCellClick((r, f) -> prism.ui.PrismUI.showInExplorer(getSite().getPage(), Map.of(), Map.of("value.rfm", cell(r, f))));
    }

    /** The scores of one R × F cell (row 0 is R 5): every M of that R and F. */
    static prism.store.ExplorerQuery.ScoreRange cell(int row, int column) {
        int low = (5 - row) * 100 + (column + 1) * 10;
        return new prism.store.ExplorerQuery.ScoreRange(low, low + 10);
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        long[][] counts = counts(data.store().queries().scoreCounts(run.number(), "value.rfm"));
        return () -> grid.setData(ROWS, COLUMNS, counts);
    }

    static final List<String> ROWS = List.of("R 5 (most recent)", "R 4", "R 3", "R 2", "R 1");
    static final List<String> COLUMNS = List.of("F 1", "F 2", "F 3", "F 4", "F 5 (most often)");

    /** Folds the RFM scores (three digits) into R × F counts, R 5 first. */
    static long[][] counts(Map<Double, Long> scores) {
        long[][] v = new long[5][5];
        scores.forEach((score, n) -> {
            int s = (int) Math.round(score);
            int r = s / 100;
            int f = s / 10 % 10;
            if (r >= 1 && r <= 5 && f >= 1 && f <= 5) {
                v[5 - r][f - 1] += n;
            }
        });
        return v;
    }

    /** For tests. */
    public HeatMap grid() {
        return grid;
    }
}
