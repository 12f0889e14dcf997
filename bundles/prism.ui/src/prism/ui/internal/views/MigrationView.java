package prism.ui.internal.views;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;

import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.InstalledScheme;
import prism.store.RunInfo;
import prism.ui.HeatMap;
import prism.ui.PrismUI;
import prism.ui.ViewJobs;
import prism.ui.WorkbenchData;

/**
 * Migration: who moved between the classes of a scheme from one run to another, and whether the scheme's
 * settings changed between them; a cell lists its customers, a double-click opens one.
 */
public class MigrationView extends FollowingView {

    private Combo from;
    private Combo to;
    private Combo scheme;
    private HeatMap matrix;
    private TableViewer customers;
    private Label summary;
    private Label settings;
    private List<RunInfo> runs = List.of();
    private List<InstalledScheme> schemes = List.of();
    private ViewJobs jobs;

    @Override
    public void createPartControl(Composite parent) {
        jobs = new ViewJobs(this);
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
        settings = new Label(c, SWT.WRAP);
        settings.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 7, 1));
        for (Combo x : List.of(from, to, scheme)) {
            x.addListener(SWT.Selection, e -> show());
        }
        SashForm sash = new SashForm(c, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 7, 1));
        matrix = new HeatMap(sash);
        customers = Tables.table(sash, new String[] {"Customer", "Name"}, new int[] {100, 200});
        customers.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof String[] row) {
                open(row[0], row.length > 1 ? row[1] : null);
            }
        });
        sash.setWeights(70, 30);
        jobs.onStateChange((slot, state, detail) -> {
            if (matrix.isDisposed()) {
                return;
            }
            if (slot.equals("matrix") && state == ViewJobs.State.CANCELLED) {
                matrix.setMessage("Cancelled: choose the runs or the scheme again to count.");
                summary.setText("");
            } else if (state == ViewJobs.State.FAILED) {
                matrix.setMessage("Could not read the runs: " + detail);
            }
        });
        follow();
        reload();
    }

    private void reload() {
        matrix.setMessage("Reading the runs…");
        Tables.set(customers, List.of());
        jobs.run("runs", "Reading runs", m -> new Object[] {WorkbenchData.get().store().runs(), WorkbenchData.get().schemes()}, r -> {
            @SuppressWarnings("unchecked")
            List<RunInfo> rs = (List<RunInfo>) r[0];
            @SuppressWarnings("unchecked")
            List<InstalledScheme> ss = (List<InstalledScheme>) r[1];
            String wasScheme = schemes.isEmpty() || scheme.getSelectionIndex() < 0 ? null : schemes.get(scheme.getSelectionIndex()).id();
            runs = rs;
            schemes = ss;
            String[] items = rs.stream().map(x -> String.format("%d — as of %s (%,d customers)", x.number(), x.asOf(), x.customers()))
                    .toArray(String[]::new);
            from.setItems(items);
            to.setItems(items);
            from.select(Math.max(0, items.length - 2));
            to.select(items.length - 1);
            scheme.setItems(ss.stream().map(s -> s.scheme().name()).toArray(String[]::new));
            int keep = ss.stream().map(InstalledScheme::id).toList().indexOf(wasScheme);
            scheme.select(Math.max(0, keep));
            from.getParent().layout(true, true);
            show();
        });
    }

    private void show() {
        if (from.getSelectionIndex() < 0 || to.getSelectionIndex() < 0 || scheme.getSelectionIndex() < 0) {
            matrix.setMessage(runs.isEmpty() ? "No stored run yet: classify first (Customers › Classify…)." : "");
            summary.setText("");
            settings.setText("");
            return;
        }
        RunInfo a = runs.get(from.getSelectionIndex());
        RunInfo b = runs.get(to.getSelectionIndex());
        InstalledScheme s = schemes.get(scheme.getSelectionIndex());
        scheme.setToolTipText(s.id());
        settings.setText(settingsChange(a, b, s.id()));
        summary.setText("");
        Tables.set(customers, List.of());
        matrix.setMessage(String.format("Counting who moved from run %d to run %d…", a.number(), b.number()));
        ClassificationScheme cs = s.scheme();
        jobs.run("matrix", "Migration of " + cs.name() + " from run " + a.number() + " to run " + b.number(),
                m -> WorkbenchData.get().store().queries().pairCounts(a.number(), s.id(), b.number(), s.id(), m), pairs -> {
                    List<String> rows = SegmentOverviewView.classIds(cs, pairs.keySet().stream().map(k -> k.get(0)).toList());
                    List<String> cols = SegmentOverviewView.classIds(cs, pairs.keySet().stream().map(k -> k.get(1)).toList());
                    long[][] v = new long[rows.size()][cols.size()];
                    long[] moved = new long[2];
                    pairs.forEach((k, n) -> {
                        v[rows.indexOf(k.get(0))][cols.indexOf(k.get(1))] = n;
                        moved[k.get(0).equals(k.get(1)) ? 0 : 1] += n;
                    });
                    summary.setText(String.format("%,d moved, %,d stayed (rows: run %d, columns: run %d)", moved[1], moved[0],
                            a.number(), b.number()));
                    summary.getParent().layout();
                    matrix.setData(Labels.classes(cs, rows), Labels.classes(cs, cols), rows, cols, v);
                    matrix.onCellClick((ri, ci) -> list(a.number(), b.number(), s.id(), rows.get(ri), cols.get(ci)));
                });
    }

    /** Whether the scheme ran with other settings in the two runs, and which. */
    static String settingsChange(RunInfo a, RunInfo b, String schemeId) {
        Map<String, String> x = a.schemes().stream().filter(s -> s.schemeId().equals(schemeId)).findFirst().map(RunInfo.SchemeInfo::settings)
                .orElse(null);
        Map<String, String> y = b.schemes().stream().filter(s -> s.schemeId().equals(schemeId)).findFirst().map(RunInfo.SchemeInfo::settings)
                .orElse(null);
        if (x == null || y == null) {
            return "Run " + (x == null ? a.number() : b.number()) + " has no classes of this scheme.";
        }
        if (x.equals(y)) {
            return "Same settings in both runs: customers moved because their data or the as-of date changed.";
        }
        StringBuilder sb = new StringBuilder("Settings changed between the runs: ");
        String sep = "";
        for (String key : new TreeSet<>(java.util.stream.Stream.concat(x.keySet().stream(), y.keySet().stream()).toList())) {
            if (!Objects.equals(x.get(key), y.get(key))) {
                sb.append(sep).append(key).append(' ').append(x.getOrDefault(key, "—")).append(" → ").append(y.getOrDefault(key, "—"));
                sep = ", ";
            }
        }
        return sb.append(". Some moves come from the new settings.").toString();
    }

    private void list(int a, int b, String s, String fromClass, String toClass) {
        jobs.run("customers", "Customers who moved", m -> WorkbenchData.get().store().queries().pairCustomers(a, s, fromClass, b, s, toClass,
                5000, m), rows -> Tables.set(customers, rows));
    }

    private void open(String id, String name) {
        try {
            getSite().getPage().openEditor(new CustomerEditorInput(id, name), PrismUI.CUSTOMER_EDITOR_ID);
        } catch (PartInitException e) {
            PrismUI.log("cannot open customer " + id, e);
        }
    }

    /** Chooses the scheme by id, as picking it does (for tests). */
    public void choose(String schemeId) {
        scheme.select(schemes.stream().map(InstalledScheme::id).toList().indexOf(schemeId));
        show();
    }

    /** For tests. */
    public HeatMap matrix() {
        return matrix;
    }

    public ViewJobs jobs() {
        return jobs;
    }

    public String summary() {
        return summary.getText();
    }

    public String settingsNote() {
        return settings.getText();
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

    @Override
    public void dispose() {
        jobs.dispose();
        super.dispose();
    }
}
