package prism.ui;

import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;

/**
 * A scheme's classes in the latest run: how many customers each has, its share, what it means and its
 * strategy; a double-click lists the class's customers in the explorer. A scheme bundle declares it
 * without code, as {@code class="prism.ui.ClassesView:SCHEME_ID"}.
 *
 * @since 1.2
 */
public class ClassesView extends SchemeViewPart {

    private Table table;
    private java.util.List<String> classIds = java.util.List.of();

    public ClassesView() {
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] c : new String[][] {{"Class", "140"}, {"Customers", "90"}, {"Share", "60"}, {"What it means", "360"},
                {"Strategy", "380"}}) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        table.addListener(SWT.DefaultSelection, e -> {
            int row = table.getSelectionIndex();
            if (row >= 0) {
                PrismUI.showInExplorer(getSite().getPage(), Map.of(schemeId(), Set.of(classIds.get(row))), Map.of());
            }
        });
        table.setToolTipText("Double-click a class to list its customers in the explorer");
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<String, double[]> stats = data.store().queries().classStats(run.number(), scheme.id());
        double total = stats.values().stream().mapToDouble(v -> v[0]).sum();
        return () -> {
            table.removeAll();
            classIds = scheme.scheme().classes().stream().map(SchemeClass::id).toList();
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

    /** The rows as shown (class label, customers, share, meaning, strategy), for tests. */
    public java.util.List<String[]> rows() {
        return java.util.Arrays.stream(table.getItems())
                .map(i -> new String[] {i.getText(0), i.getText(1), i.getText(2), i.getText(3), i.getText(4)}).toList();
    }

    /** Lists the customers of the class in row {@code row} in the explorer, as a double-click does. */
    public void open(int row) {
        table.setSelection(row);
        table.notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
    }
}
