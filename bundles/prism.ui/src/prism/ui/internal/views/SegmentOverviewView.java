package prism.ui.internal.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.ui.PartInitException;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.ui.HeatMap;
import prism.ui.ViewJobs;
import prism.ui.PrismUI;
import prism.ui.SchemeUi;
import prism.ui.WorkbenchData;

/**
 * Segment Overview: for one scheme of the latest run, class sizes and revenue share as bar charts in
 * the class colours, the scheme's own charts, and a cross-tab of any two schemes as a heat map whose
 * cells filter the Customer Explorer.
 */
public class SegmentOverviewView extends FollowingView {

    private Combo scheme;
    private Combo rowScheme;
    private Combo columnScheme;
    private Composite charts;
    private HeatMap crossTab;
    private Label info;
    private List<InstalledScheme> schemes = List.of();
    private int run;
    private ViewJobs jobs;

    @Override
    public void createPartControl(Composite parent) {
        jobs = new ViewJobs(this);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        top.setLayout(new GridLayout(3, false));
        new Label(top, SWT.NONE).setText("Scheme:");
        scheme = new Combo(top, SWT.READ_ONLY);
        scheme.addListener(SWT.Selection, e -> showCharts());
        info = new Label(top, SWT.NONE);
        info.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        charts = new Composite(top, SWT.NONE);
        charts.setLayout(new FillLayout());
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));

        Group bottom = new Group(sash, SWT.NONE);
        bottom.setText("Cross-tab (click a cell to list its customers in the explorer)");
        bottom.setLayout(new GridLayout(4, false));
        new Label(bottom, SWT.NONE).setText("Rows:");
        rowScheme = new Combo(bottom, SWT.READ_ONLY);
        rowScheme.addListener(SWT.Selection, e -> showCrossTab());
        new Label(bottom, SWT.NONE).setText("Columns:");
        columnScheme = new Combo(bottom, SWT.READ_ONLY);
        columnScheme.addListener(SWT.Selection, e -> showCrossTab());
        crossTab = new HeatMap(bottom);
        crossTab.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        sash.setWeights(55, 45);
        jobs.onStateChange((slot, state, detail) -> {
            if (info.isDisposed()) {
                return;
            }
            String what = slot.equals("crosstab") ? "the cross-tab" : slot.equals("charts") ? "the charts" : "the runs";
            if (state == ViewJobs.State.CANCELLED) {
                if (slot.equals("crosstab")) {
                    crossTab.setMessage("Cancelled: choose the schemes again to count.");
                } else {
                    info.setText("Reading " + what + " was cancelled.");
                }
            } else if (state == ViewJobs.State.FAILED) {
                if (slot.equals("crosstab")) {
                    crossTab.setMessage("Could not count: " + detail);
                } else {
                    info.setText("Could not read " + what + ": " + detail);
                }
            }
            info.getParent().layout();
        });
        follow();
        reload();
    }

    private void reload() {
        info.setText("Reading the latest run…");
        crossTab.setMessage("Reading the latest run…");
        jobs.run("segments", "Reading segments", m -> {
            WorkbenchData data = WorkbenchData.get();
            return new Object[] {data.schemes(), data.latestRun()};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<InstalledScheme> all = (List<InstalledScheme>) r[0];
            @SuppressWarnings("unchecked")
            Optional<RunInfo> latest = (Optional<RunInfo>) r[1];
            List<String> before = schemes.stream().map(InstalledScheme::id).toList();
            schemes = all;
            run = latest.map(RunInfo::number).orElse(0);
            info.setText(latest.map(x -> String.format("Run %d, as of %s, %,d customers", x.number(), x.asOf(), x.customers()))
                    .orElse("No run yet: classify first."));
            List<String> ids = all.stream().map(InstalledScheme::id).toList();
            String[] names = all.stream().map(x -> x.scheme().name()).toArray(String[]::new);
            for (Combo c : List.of(scheme, rowScheme, columnScheme)) {
                int was = c.getSelectionIndex();
                String wasId = was >= 0 && was < before.size() ? before.get(was) : null;
                c.setItems(names);
                int i = ids.indexOf(wasId);
                c.select(i >= 0 ? i : c == columnScheme && names.length > 1 ? 1 : 0);
            }
            info.getParent().layout(true, true);
            rowScheme.getParent().layout(true, true);
            showCharts();
            showCrossTab();
        });
    }

    private Optional<InstalledScheme> selected(Combo c) {
        int i = c.getSelectionIndex();
        Optional<InstalledScheme> s = i < 0 || i >= schemes.size() ? Optional.empty() : Optional.of(schemes.get(i));
        c.setToolTipText(s.map(InstalledScheme::id).orElse(null));
        return s;
    }

    private void showCharts() {
        Optional<InstalledScheme> s = selected(scheme);
        for (Control c : charts.getChildren()) {
            c.dispose();
        }
        if (s.isEmpty() || run == 0) {
            return;
        }
        int r = run;
        ClassificationScheme cs = s.get().scheme();
        Label busy = new Label(charts, SWT.NONE);
        busy.setText("Reading the classes of " + cs.name() + "…");
        charts.layout(true, true);
        jobs.run("charts", "Reading the classes of " + cs.name(), m -> WorkbenchData.get().store().queries().classStats(r, cs.id()),
                stats -> drawCharts(cs, stats, r));
    }

    private void drawCharts(ClassificationScheme cs, Map<String, double[]> stats, int r) {
        if (charts.isDisposed()) {
            return;
        }
        for (Control c : charts.getChildren()) {
            c.dispose();
        }
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (SchemeClass c : cs.classes()) {
            ordered.put(c.id(), stats.getOrDefault(c.id(), new double[2]));
        }
        stats.forEach(ordered::putIfAbsent);
        double customers = ordered.values().stream().mapToDouble(v -> v[0]).sum();
        double revenue = ordered.values().stream().mapToDouble(v -> v[1]).sum();
        java.text.NumberFormat money = java.text.NumberFormat.getNumberInstance();
        money.setMinimumFractionDigits(2);
        money.setMaximumFractionDigits(2);
        bars(charts, cs, ordered, "Customers per class (%)", v -> customers == 0 ? 0 : 100 * v[0] / customers,
                v -> String.format("%,d customers", (long) v[0]), id -> filterExplorer(cs.id(), id, cs.id(), id));
        bars(charts, cs, ordered, "Share of revenue (%)", v -> revenue == 0 ? 0 : 100 * v[1] / revenue,
                v -> "revenue " + money.format(v[1]), id -> filterExplorer(cs.id(), id, cs.id(), id));
        for (SchemeUi.Chart chart : SchemeUi.get().charts(cs.id())) {
            Group g = new Group(charts, SWT.NONE);
            g.setText(chart.name());
            g.setLayout(new FillLayout());
            try {
                chart.create().create(g, WorkbenchData.get(), r, cs.id());
            } catch (Exception | LinkageError e) {
                PrismUI.log("the chart '" + chart.name() + "' failed", e);
                new Label(g, SWT.WRAP).setText("This chart failed: " + e);
            }
        }
        charts.layout(true, true);
    }

    /**
     * One bar per class, each its own series so it takes its class colour, its value written at its end;
     * hovering tells the class, its share and {@code detail}, a click calls {@code onClick} with its class id.
     */
    static Chart bars(Composite parent, ClassificationScheme cs, Map<String, double[]> byClass, String title,
            java.util.function.ToDoubleFunction<double[]> value, java.util.function.Function<double[], String> detail,
            java.util.function.Consumer<String> onClick) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(title);
        chart.getLegend().setVisible(false);
        // Horizontal bars: class names read across on the left, and a short view still has room for the bars
        // (upright bars with slanted names left no plot area in a view of a few hundred pixels).
        chart.setOrientation(SWT.VERTICAL);
        List<String> ids = new ArrayList<>(byClass.keySet());
        String[] categories = Labels.classes(cs, ids).toArray(String[]::new);
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.getTitle().setVisible(false);
        x.setCategorySeries(categories);
        x.enableCategory(true);
        chart.getAxisSet().getYAxis(0).getTitle().setVisible(false);
        List<IBarSeries<?>> bars = new ArrayList<>();
        double[] values = new double[ids.size()];
        for (Map.Entry<String, double[]> e : byClass.entrySet()) {
            int k = bars.size();
            double[] ys = new double[categories.length];
            values[k] = value.applyAsDouble(e.getValue());
            ys[k] = values[k];
            IBarSeries<?> series = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, e.getKey());
            series.setYSeries(ys);
            series.setBarColor(SchemeUi.get().colour(cs, e.getKey()));
            series.enableStack(true);
            bars.add(series);
        }
        chart.getAxisSet().adjustRange();
        // Room after the longest bar for its value.
        org.eclipse.swtchart.Range range = chart.getAxisSet().getYAxis(0).getRange();
        chart.getAxisSet().getYAxis(0).setRange(new org.eclipse.swtchart.Range(0, Math.max(1, range.upper * 1.15)));
        chart.getPlotArea().addCustomPaintListener(e -> {
            e.gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            for (int k = 0; k < bars.size(); k++) {
                Rectangle b = bar(bars.get(k), k);
                if (b != null && values[k] > 0) {
                    String text = String.format("%.1f %%", values[k]);
                    Point ext = e.gc.textExtent(text);
                    e.gc.drawText(text, b.x + b.width + 3, b.y + (b.height - ext.y) / 2, true);
                }
            }
        });
        Control plot = chart.getPlotArea().getControl();
        plot.addListener(SWT.MouseMove, e -> {
            int k = barAt(bars, e.x, e.y);
            String tip = k < 0 ? null : String.format("%s [%s]%n%.1f %%, %s%nClick to list them in the explorer", categories[k], ids.get(k),
                    values[k], detail.apply(byClass.get(ids.get(k))));
            if (!java.util.Objects.equals(tip, plot.getToolTipText())) {
                plot.setToolTipText(tip);
            }
        });
        plot.addListener(SWT.MouseUp, e -> {
            int k = barAt(bars, e.x, e.y);
            if (k >= 0 && e.button == 1) {
                onClick.accept(ids.get(k));
            }
        });
        return chart;
    }

    /** The bar of series {@code k} (its only point is at index k), or null. */
    private static Rectangle bar(IBarSeries<?> series, int k) {
        Rectangle[] bounds = series.getBounds();
        return bounds != null && k < bounds.length ? bounds[k] : null;
    }

    /** Which bar is at (x, y), across its whole row so short bars are easy to hit; -1 for none. */
    private static int barAt(List<IBarSeries<?>> bars, int x, int y) {
        for (int k = 0; k < bars.size(); k++) {
            Rectangle b = bar(bars.get(k), k);
            if (b != null && y >= b.y && y < b.y + Math.max(1, b.height)) {
                return k;
            }
        }
        return -1;
    }

    private void showCrossTab() {
        Optional<InstalledScheme> a = selected(rowScheme);
        Optional<InstalledScheme> b = selected(columnScheme);
        if (a.isEmpty() || b.isEmpty() || run == 0) {
            crossTab.setMessage(run == 0 ? "No run yet: classify first." : "");
            return;
        }
        int r = run;
        ClassificationScheme sa = a.get().scheme();
        ClassificationScheme sb = b.get().scheme();
        crossTab.setMessage("Counting " + sa.name() + " × " + sb.name() + " in run " + r + "…");
        jobs.run("crosstab", "Cross-tab " + sa.name() + " × " + sb.name(),
                m -> WorkbenchData.get().store().queries().pairCounts(r, sa.id(), r, sb.id(), m), pairs -> {
                    List<String> rows = classIds(sa, pairs.keySet().stream().map(k -> k.get(0)).toList());
                    List<String> cols = classIds(sb, pairs.keySet().stream().map(k -> k.get(1)).toList());
                    long[][] v = new long[rows.size()][cols.size()];
                    pairs.forEach((k, n) -> v[rows.indexOf(k.get(0))][cols.indexOf(k.get(1))] = n);
                    crossTab.setData(Labels.classes(sa, rows), Labels.classes(sb, cols), rows, cols, v);
                    crossTab.onCellClick((ri, ci) -> filterExplorer(sa.id(), rows.get(ri), sb.id(), cols.get(ci)));
                });
    }

    /** The scheme's class ids in its order, then any stored ones it no longer has. */
    static List<String> classIds(ClassificationScheme s, List<String> seen) {
        List<String> ids = new ArrayList<>(s.classes().stream().map(SchemeClass::id).toList());
        seen.stream().filter(x -> !ids.contains(x)).distinct().forEach(ids::add);
        return ids;
    }

    private void filterExplorer(String schemeA, String classA, String schemeB, String classB) {
        try {
            CustomerExplorerView explorer = (CustomerExplorerView) getSite().getPage().showView(PrismUI.EXPLORER_VIEW_ID);
            Map<String, Set<String>> f = new LinkedHashMap<>();
            f.put(schemeA, Set.of(classA));
            f.merge(schemeB, Set.of(classB), (x, y) -> x.equals(y) ? x : Set.of());
            explorer.filter(f);
        } catch (PartInitException e) {
            PrismUI.log("cannot open the explorer", e);
        }
    }

    /** For tests and screenshots. */
    public HeatMap crossTab() {
        return crossTab;
    }

    public ViewJobs jobs() {
        return jobs;
    }

    /** Chooses the cross-tab's schemes by id, as picking them does. */
    public void crossTab(String rowSchemeId, String columnSchemeId) {
        List<String> ids = schemes.stream().map(InstalledScheme::id).toList();
        rowScheme.select(ids.indexOf(rowSchemeId));
        columnScheme.select(ids.indexOf(columnSchemeId));
        showCrossTab();
    }

    @Override
    public void setFocus() {
        scheme.setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        reload();
    }

    @Override
    public void dispose() {
        jobs.dispose();
        super.dispose();
    }
}
