package prism.ui.internal.views;

import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import prism.core.scheme.InstalledScheme;
import prism.store.RunInfo;
import prism.ui.HeatMap;
import prism.ui.PrismJob;
import prism.ui.WorkbenchData;

/** Migration: who moved between the classes of a scheme from one run to another; a cell lists them. */
public class MigrationView extends FollowingView {

    private Combo from;
    private Combo to;
    private Combo scheme;
    private HeatMap matrix;
    private TableViewer customers;
    private Label summary;
    private List<RunInfo> runs = List.of();
    private List<InstalledScheme> schemes = List.of();

    @Override
    public void createPartControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(7, false));
        new Label(c, SWT.NONE).setText("From run:");
        from = new Combo(c, SWT.READ_ONLY);
        new Label(c, SWT.NONE).setText("to run:");
        to = new Combo(c, SWT.READ_ONLY);
        new Label(c, SWT.NONE).setText("Scheme:");
        scheme = new Combo(c, SWT.READ_ONLY);
        summary = new Label(c, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Combo x : List.of(from, to, scheme)) {
            x.addListener(SWT.Selection, e -> show());
        }
        SashForm sash = new SashForm(c, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 7, 1));
        matrix = new HeatMap(sash);
        customers = Tables.table(sash, new String[] {"Customer", "Name"}, new int[] {100, 200});
        sash.setWeights(70, 30);
        follow();
        reload();
    }

    private void reload() {
        PrismJob job = PrismJob.of("Reading runs", m -> {
            List<RunInfo> r = WorkbenchData.get().store().runs();
            List<InstalledScheme> s = WorkbenchData.get().schemes();
            Display.getDefault().asyncExec(() -> {
                if (from.isDisposed()) {
                    return;
                }
                runs = r;
                schemes = s;
                String[] items = r.stream().map(x -> x.number() + " (as of " + x.asOf() + ")").toArray(String[]::new);
                from.setItems(items);
                to.setItems(items);
                from.select(Math.max(0, items.length - 2));
                to.select(items.length - 1);
                scheme.setItems(s.stream().map(InstalledScheme::id).toArray(String[]::new));
                scheme.select(0);
                from.getParent().layout(true, true);
                show();
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show() {
        if (from.getSelectionIndex() < 0 || to.getSelectionIndex() < 0 || scheme.getSelectionIndex() < 0) {
            matrix.setData(List.of(), List.of(), new long[0][0]);
            return;
        }
        int a = runs.get(from.getSelectionIndex()).number();
        int b = runs.get(to.getSelectionIndex()).number();
        InstalledScheme s = schemes.get(scheme.getSelectionIndex());
        PrismJob job = PrismJob.of("Migration", m -> {
            Map<List<String>, Integer> pairs = WorkbenchData.get().store().queries().pairCounts(a, s.id(), b, s.id());
            List<String> rows = SegmentOverviewView.classIds(s.scheme(), pairs.keySet().stream().map(k -> k.get(0)).toList());
            List<String> cols = SegmentOverviewView.classIds(s.scheme(), pairs.keySet().stream().map(k -> k.get(1)).toList());
            long[][] v = new long[rows.size()][cols.size()];
            long[] moved = new long[2];
            pairs.forEach((k, n) -> {
                v[rows.indexOf(k.get(0))][cols.indexOf(k.get(1))] = n;
                moved[k.get(0).equals(k.get(1)) ? 0 : 1] += n;
            });
            Display.getDefault().asyncExec(() -> {
                if (matrix.isDisposed()) {
                    return;
                }
                summary.setText(String.format("%,d moved, %,d stayed (rows: run %d, columns: run %d)", moved[1], moved[0], a, b));
                summary.getParent().layout();
                matrix.setData(rows, cols, v);
                matrix.onCellClick((ri, ci) -> list(a, b, s.id(), rows.get(ri), cols.get(ci)));
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    private void list(int a, int b, String s, String fromClass, String toClass) {
        PrismJob job = PrismJob.of("Customers who moved", m -> {
            List<String[]> rows = WorkbenchData.get().store().queries().pairCustomers(a, s, fromClass, b, s, toClass, 5000);
            Display.getDefault().asyncExec(() -> Tables.set(customers, rows));
        });
        job.setSystem(true);
        job.schedule();
    }

    /** For tests. */
    public HeatMap matrix() {
        return matrix;
    }

    public List<String[]> customers() {
        List<String[]> l = new java.util.ArrayList<>();
        if (customers.getInput() instanceof Object[] a) {
            for (Object o : a) {
                l.add((String[]) o);
            }
        }
        return l;
    }

    @Override
    public void setFocus() {
        matrix.setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        reload();
    }
}
