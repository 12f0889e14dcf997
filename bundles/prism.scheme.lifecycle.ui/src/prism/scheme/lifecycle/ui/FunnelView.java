package prism.scheme.lifecycle.ui;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries.SeriesType;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.ui.SchemeUi;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/** The lifecycle funnel: customers per stage, from potential to lost, as horizontal bars in the stage colours. */
public class FunnelView extends SchemeViewPart {

    static final List<String> ORDER = List.of("potential", "new", "regular", "occasional", "lapsing", "lost", "unprofitable");
    private Composite area;

    public FunnelView() {
        super("lifecycle.stage");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        area = parent;
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<String, double[]> stats = data.store().queries().classStats(run.number(), scheme.id());
        return () -> {
            for (Control c : area.getChildren()) {
                c.dispose();
            }
            Chart chart = new Chart(area, SWT.NONE);
            chart.setOrientation(SWT.VERTICAL);
            chart.getTitle().setText("Customers per stage, run " + run.number() + " as of " + run.asOf());
            chart.getLegend().setVisible(false);
            String[] cats = ORDER.stream().map(id -> {
                SchemeClass c = scheme.scheme().schemeClass(id);
                return c == null ? id : c.label();
            }).toArray(String[]::new);
            chart.getAxisSet().getXAxis(0).setCategorySeries(cats);
            chart.getAxisSet().getXAxis(0).enableCategory(true);
            chart.getAxisSet().getXAxis(0).getTitle().setVisible(false);
            chart.getAxisSet().getYAxis(0).getTitle().setText("customers");
            for (int i = 0; i < ORDER.size(); i++) {
                double[] ys = new double[ORDER.size()];
                ys[i] = stats.getOrDefault(ORDER.get(i), new double[2])[0];
                IBarSeries<?> s = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, ORDER.get(i));
                s.setYSeries(ys);
                s.enableStack(true);
                s.setBarColor(SchemeUi.get().colour(scheme.scheme(), ORDER.get(i)));
            }
            chart.getAxisSet().adjustRange();
            area.layout();
        };
    }
}
