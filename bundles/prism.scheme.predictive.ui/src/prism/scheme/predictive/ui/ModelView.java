package prism.scheme.predictive.ui;

import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;

import prism.core.scheme.FittedModel;
import prism.core.scheme.InstalledScheme;
import prism.scheme.predictive.internal.BgNbd;
import prism.store.RunInfo;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/**
 * The model a predictive scheme fitted in the latest run: its parameters and measures of fit (or why it
 * could not be fitted), and the tracking chart of actual against expected cumulative repeat purchases week
 * by week. Declared once per scheme as {@code class="prism.scheme.predictive.ui.ModelView:SCHEME_ID"}.
 */
public class ModelView extends SchemeViewPart {

    private Table parameters;
    private Chart chart;
    private Tracking shown;

    public ModelView() {
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        parameters = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        parameters.setHeaderVisible(true);
        parameters.setLinesVisible(true);
        for (String[] c : new String[][] {{"Parameter", "150"}, {"Value", "120"}}) {
            TableColumn col = new TableColumn(parameters, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        chart = new Chart(sash, SWT.NONE);
        chart.getAxisSet().getXAxis(0).getTitle().setText("weeks since the first purchase");
        chart.getAxisSet().getYAxis(0).getTitle().setText("cumulative repeat purchases");
        sash.setWeights(30, 70);
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        FittedModel model = run.schemes().stream().filter(s -> s.schemeId().equals(schemeId())).findFirst()
                .map(RunInfo.SchemeInfo::model).orElse(null);
        BgNbd bgNbd = bgNbd(model);
        Tracking tracking = Tracking.of(data.store().queries().purchaseDates(run.asOf()), run.asOf(), bgNbd);
        return () -> show(run, model, tracking);
    }

    /** The BG/NBD part of a stored model; null when there is none. */
    static BgNbd bgNbd(FittedModel m) {
        if (m == null || !m.fitted() || !m.parameters().keySet().containsAll(java.util.List.of("r", "alpha", "a", "b"))) {
            return null;
        }
        Map<String, Double> p = m.parameters(), f = m.fit();
        return new BgNbd(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"), f.getOrDefault("bgnbd_loglik", Double.NaN),
                f.getOrDefault("bgnbd_customers", Double.NaN));
    }

    private void show(RunInfo run, FittedModel model, Tracking tracking) {
        parameters.removeAll();
        if (model == null) {
            row("model", "not stored with run " + run.number());
        } else if (!model.fitted()) {
            row("cannot fit", model.cannotFit());
        } else {
            model.parameters().forEach((k, v) -> row(k, String.format(Locale.ROOT, "%.4f", v)));
            model.fit().forEach((k, v) -> row(k, k.endsWith("_customers") ? String.format("%,.0f", v) : String.format(Locale.ROOT, "%.2f", v)));
        }
        for (var s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        chart.getTitle().setText("Repeat purchases up to " + run.asOf());
        line("Actual", tracking.weeks(), tracking.actual(), chart.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE), SWT.LINE_SOLID);
        if (model != null && model.fitted()) {
            line("Model (BG/NBD)", tracking.weeks(), tracking.expected(), chart.getDisplay().getSystemColor(SWT.COLOR_RED), SWT.LINE_DASH);
        }
        chart.getAxisSet().adjustRange();
        chart.redraw();
        shown = tracking;
    }

    private void row(String name, String value) {
        new TableItem(parameters, SWT.NONE).setText(new String[] {name, value});
    }

    private void line(String name, double[] x, double[] y, Color colour, int style) {
        ILineSeries<?> s = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, name);
        s.setXSeries(x);
        s.setYSeries(y);
        s.setLineColor(colour);
        s.setLineStyle(style == SWT.LINE_DASH ? org.eclipse.swtchart.LineStyle.DASH : org.eclipse.swtchart.LineStyle.SOLID);
        s.setSymbolType(ILineSeries.PlotSymbolType.NONE);
    }

    /** For tests: the parameter rows (name, value). */
    public java.util.List<String[]> parameterRows() {
        return java.util.Arrays.stream(parameters.getItems()).map(i -> new String[] {i.getText(0), i.getText(1)}).toList();
    }

    /** For tests: the curves shown, {weeks, actual, expected}. */
    public double[][] curves() {
        return shown == null ? null : new double[][] {shown.weeks(), shown.actual(), shown.expected()};
    }
}
