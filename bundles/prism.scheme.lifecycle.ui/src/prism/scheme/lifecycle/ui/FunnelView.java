package prism.scheme.lifecycle.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries.SeriesType;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.ui.SchemeUi;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/**
 * The lifecycle funnel: customers per stage, from potential to lost, as horizontal bars in the stage
 * colours, each with its count and its share of the stage before; beside it, how many customers went from
 * one stage to another since the run before.
 */
public class FunnelView extends SchemeViewPart {

    static final List<String> ORDER = List.of("potential", "new", "regular", "occasional", "lapsing", "lost", "unprofitable");
    private Composite area;
    private Table moves;
    private List<String[]> shown = List.of();

    public FunnelView() {
        super("lifecycle.stage");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        area = new Composite(sash, SWT.NONE);
        area.setLayout(new FillLayout());
        moves = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        moves.setHeaderVisible(true);
        moves.setLinesVisible(true);
        for (String[] h : new String[][] {{"From stage", "120"}, {"To stage", "120"}, {"Customers", "90"}}) {
            TableColumn c = new TableColumn(moves, SWT.NONE);
            c.setText(h[0]);
            c.setWidth(Integer.parseInt(h[1]));
        }
        sash.setWeights(65, 35);
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<String, double[]> stats = data.store().queries().classStats(run.number(), scheme.id());
        // The run before that has this scheme: who moved between stages since.
        Optional<RunInfo> before = data.store().runs().stream().filter(r -> r.number() < run.number())
                .filter(r -> r.schemes().stream().anyMatch(s -> s.schemeId().equals(scheme.id()))).reduce((a, b) -> b);
        Map<List<String>, Integer> pairs = before.map(b -> data.store().queries().pairCounts(b.number(), scheme.id(), run.number(), scheme.id()))
                .orElse(Map.of());
        List<String[]> rows = moves(scheme, pairs);
        return () -> {
            for (Control c : area.getChildren()) {
                c.dispose();
            }
            chart(run, scheme, stats);
            moves.removeAll();
            moves.setToolTipText(before.map(b -> "From run " + b.number() + " (as of " + b.asOf() + ") to run " + run.number()).orElse(
                    "One run so far: the moves between stages come with the next"));
            for (String[] r : rows) {
                new TableItem(moves, SWT.NONE).setText(r);
            }
            shown = rows;
            area.layout();
        };
    }

    /** The stage-to-stage moves, most first: from, to, count. */
    static List<String[]> moves(InstalledScheme scheme, Map<List<String>, Integer> pairs) {
        List<Map.Entry<List<String>, Integer>> moved = new ArrayList<>(pairs.entrySet().stream()
                .filter(e -> !e.getKey().get(0).equals(e.getKey().get(1))).toList());
        moved.sort(Map.Entry.<List<String>, Integer>comparingByValue().reversed());
        return moved.stream().map(e -> new String[] {label(scheme, e.getKey().get(0)), label(scheme, e.getKey().get(1)),
                String.format("%,d", e.getValue())}).toList();
    }

    private static String label(InstalledScheme scheme, String id) {
        SchemeClass c = scheme.scheme().schemeClass(id);
        return c == null ? id : c.label();
    }

    private void chart(RunInfo run, InstalledScheme scheme, Map<String, double[]> stats) {
        Chart chart = new Chart(area, SWT.NONE);
        chart.setOrientation(SWT.VERTICAL);
        chart.getTitle().setText("Customers per stage, run " + run.number() + " as of " + run.asOf());
        chart.getLegend().setVisible(false);
        String[] cats = ORDER.stream().map(id -> label(scheme, id)).toArray(String[]::new);
        chart.getAxisSet().getXAxis(0).setCategorySeries(cats);
        chart.getAxisSet().getXAxis(0).enableCategory(true);
        chart.getAxisSet().getXAxis(0).getTitle().setVisible(false);
        chart.getAxisSet().getYAxis(0).getTitle().setText("customers");
        double[] counts = new double[ORDER.size()];
        List<IBarSeries<?>> bars = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            double[] ys = new double[ORDER.size()];
            counts[i] = stats.getOrDefault(ORDER.get(i), new double[2])[0];
            ys[i] = counts[i];
            IBarSeries<?> s = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, ORDER.get(i));
            s.setYSeries(ys);
            s.enableStack(true);
            s.setBarColor(SchemeUi.get().colour(scheme.scheme(), ORDER.get(i)));
            bars.add(s);
        }
        chart.getAxisSet().adjustRange();
        var y = chart.getAxisSet().getYAxis(0);
        y.setRange(new org.eclipse.swtchart.Range(0, Math.max(1, y.getRange().upper * 1.35))); // room for the labels
        chart.getPlotArea().addCustomPaintListener(e -> {
            e.gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            for (int i = 0; i < bars.size(); i++) {
                Rectangle[] b = bars.get(i).getBounds();
                if (b != null && i < b.length && b[i] != null) {
                    String text = stageText(counts, i);
                    Point ext = e.gc.textExtent(text);
                    e.gc.drawText(text, b[i].x + b[i].width + 3, b[i].y + (b[i].height - ext.y) / 2, true);
                }
            }
        });
    }

    /** A bar's label: its count, and its share of the stage before it in the funnel. */
    static String stageText(double[] counts, int i) {
        String n = String.format("%,d", (long) counts[i]);
        return i == 0 || counts[i - 1] == 0 ? n : n + String.format(" (%.0f %% of the stage before)", 100 * counts[i] / counts[i - 1]);
    }

    /** For tests: the stage-to-stage moves shown (from, to, count). */
    public List<String[]> moves() {
        return shown;
    }
}
