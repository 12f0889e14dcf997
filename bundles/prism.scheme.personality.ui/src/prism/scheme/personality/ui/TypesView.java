package prism.scheme.personality.ui;

import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.ui.SchemeUi;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/** The eleven customer types with their traits, strategy and how many customers each has. */
public class TypesView extends SchemeViewPart {

    private Table table;

    public TypesView() {
        super("personality.type");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] c : new String[][] {{"Type", "130"}, {"Customers", "80"}, {"Share", "60"}, {"Traits", "380"}, {"Strategy", "380"}}) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<String, double[]> stats = data.store().queries().classStats(run.number(), scheme.id());
        double total = stats.values().stream().mapToDouble(v -> v[0]).sum();
        return () -> {
            table.removeAll();
            for (SchemeClass c : scheme.scheme().classes()) {
                double n = stats.getOrDefault(c.id(), new double[2])[0];
                TableItem i = new TableItem(table, SWT.NONE);
                i.setText(new String[] {c.label(), String.format("%,d", (long) n),
                        total == 0 ? "" : String.format("%.1f%%", 100 * n / total), c.description(), c.strategy()});
                i.setBackground(0, SchemeUi.get().colour(scheme.scheme(), c.id()));
                i.setForeground(0, SchemeUi.textOn(i.getBackground(0)));
            }
        };
    }

    /** For tests. */
    public int rows() {
        return table.getItemCount();
    }
}
