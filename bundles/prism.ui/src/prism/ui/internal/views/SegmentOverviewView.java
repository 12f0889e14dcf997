package prism.ui.internal.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
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
import prism.ui.PrismJob;
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

    @Override
    public void createPartControl(Composite parent) {
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
        follow();
        reload();
    }

    private void reload() {
        PrismJob job = PrismJob.of("Reading segments", m -> {
            WorkbenchData data = WorkbenchData.get();
            List<InstalledScheme> all = data.schemes();
            Optional<RunInfo> latest = data.latestRun();
            Display.getDefault().asyncExec(() -> {
                if (scheme.isDisposed()) {
                    return;
                }
                schemes = all;
                run = latest.map(RunInfo::number).orElse(0);
                info.setText(latest.map(r -> "Run " + r.number() + ", as of " + r.asOf()).orElse("No run yet: classify first."));
                String[] names = all.stream().map(InstalledScheme::id).toArray(String[]::new);
                for (Combo c : List.of(scheme, rowScheme, columnScheme)) {
                    String was = c.getText();
                    c.setItems(names);
                    int i = List.of(names).indexOf(was);
                    c.select(i >= 0 ? i : c == columnScheme && names.length > 1 ? 1 : 0);
                }
                info.getParent().layout(true, true);
                rowScheme.getParent().layout(true, true);
                showCharts();
                showCrossTab();
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    private Optional<InstalledScheme> selected(Combo c) {
        int i = c.getSelectionIndex();
        return i < 0 || i >= schemes.size() ? Optional.empty() : Optional.of(schemes.get(i));
    }

    private void showCharts() {
        Optional<InstalledScheme> s = selected(scheme);
        if (s.isEmpty() || run == 0) {
            for (Control c : charts.getChildren()) {
                c.dispose();
            }
            return;
        }
        int r = run;
        ClassificationScheme cs = s.get().scheme();
        PrismJob job = PrismJob.of("Reading classes of " + cs.id(), m -> {
            Map<String, double[]> stats = WorkbenchData.get().store().queries().classStats(r, cs.id());
            Display.getDefault().asyncExec(() -> drawCharts(cs, stats, r));
        });
        job.setSystem(true);
        job.schedule();
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
        bars(charts, cs, ordered, "Customers per class (%)", v -> customers == 0 ? 0 : 100 * v[0] / customers);
        bars(charts, cs, ordered, "Share of revenue (%)", v -> revenue == 0 ? 0 : 100 * v[1] / revenue);
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

    /** One bar per class, each its own series so it takes its class colour. */
    static Chart bars(Composite parent, ClassificationScheme cs, Map<String, double[]> byClass, String title,
            java.util.function.ToDoubleFunction<double[]> value) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(title);
        chart.getLegend().setVisible(false);
        // Horizontal bars: class names read across on the left, and a short view still has room for the bars
        // (upright bars with slanted names left no plot area in a view of a few hundred pixels).
        chart.setOrientation(SWT.VERTICAL);
        String[] categories = byClass.keySet().toArray(String[]::new);
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.getTitle().setVisible(false);
        x.setCategorySeries(categories);
        x.enableCategory(true);
        chart.getAxisSet().getYAxis(0).getTitle().setVisible(false);
        int i = 0;
        for (Map.Entry<String, double[]> e : byClass.entrySet()) {
            double[] ys = new double[categories.length];
            ys[i++] = value.applyAsDouble(e.getValue());
            IBarSeries<?> series = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, e.getKey());
            series.setYSeries(ys);
            series.setBarColor(SchemeUi.get().colour(cs, e.getKey()));
            series.enableStack(true);
        }
        chart.getAxisSet().adjustRange();
        return chart;
    }

    private void showCrossTab() {
        Optional<InstalledScheme> a = selected(rowScheme);
        Optional<InstalledScheme> b = selected(columnScheme);
        if (a.isEmpty() || b.isEmpty() || run == 0) {
            crossTab.setData(List.of(), List.of(), new long[0][0]);
            return;
        }
        int r = run;
        PrismJob job = PrismJob.of("Cross-tab", m -> {
            Map<List<String>, Integer> pairs = WorkbenchData.get().store().queries().pairCounts(r, a.get().id(), r, b.get().id());
            List<String> rows = classIds(a.get().scheme(), pairs.keySet().stream().map(k -> k.get(0)).toList());
            List<String> cols = classIds(b.get().scheme(), pairs.keySet().stream().map(k -> k.get(1)).toList());
            long[][] v = new long[rows.size()][cols.size()];
            pairs.forEach((k, n) -> v[rows.indexOf(k.get(0))][cols.indexOf(k.get(1))] = n);
            Display.getDefault().asyncExec(() -> {
                if (crossTab.isDisposed()) {
                    return;
                }
                crossTab.setData(rows, cols, v);
                crossTab.onCellClick((ri, ci) -> filterExplorer(a.get().id(), rows.get(ri), b.get().id(), cols.get(ci)));
            });
        });
        job.setSystem(true);
        job.schedule();
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

    @Override
    public void setFocus() {
        scheme.setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        reload();
    }
}
