package prism.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;

import prism.core.scheme.InstalledScheme;
import prism.store.RunInfo;
import prism.ui.ViewJobs;
import prism.ui.WorkbenchData;
import prism.ui.internal.ClassifyDialog;

/**
 * Stored runs: number, as-of date, when, customers and schemes; the selected run's class counts and the
 * settings each scheme ran with, as tables.
 */
public class RunsView extends FollowingView {

    private TableViewer viewer;
    private TableViewer counts;
    private TableViewer settings;
    private List<RunInfo> runs = List.of();
    private Map<String, InstalledScheme> installed = Map.of();
    private ViewJobs jobs;

    @Override
    public void createPartControl(Composite parent) {
        jobs = new ViewJobs(this);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        viewer = Tables.table(sash, new String[] {"Run", "As of", "Made", "Customers", "Schemes"}, new int[] {50, 90, 140, 80, 400}, null,
                (row, col) -> col == 4 ? row[4].replace("; ", "\n") : null);
        counts = Tables.table(sash, new String[] {"Scheme", "Class", "Customers", "Share"}, new int[] {140, 150, 80, 60}, null,
                (row, col) -> col < 2 ? row[4 + col] : null);
        settings = Tables.table(sash, new String[] {"Scheme", "Setting", "Value"}, new int[] {140, 140, 80});
        sash.setWeights(45, 35, 20);
        viewer.addSelectionChangedListener(e -> details());
        getViewSite().getActionBars().getToolBarManager().add(new Action("Classify…") {
            @Override
            public void run() {
                new ClassifyDialog(getSite().getShell()).open();
            }
        });
        follow();
        load();
    }

    private void load() {
        jobs.run("runs", "Reading runs", m -> {
            WorkbenchData data = WorkbenchData.get();
            return new Object[] {data.store().runs(), data.schemes()};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<RunInfo> rs = (List<RunInfo>) r[0];
            @SuppressWarnings("unchecked")
            List<InstalledScheme> ss = (List<InstalledScheme>) r[1];
            runs = rs.reversed();
            installed = ss.stream().collect(Collectors.toMap(InstalledScheme::id, s -> s, (a, b) -> a));
            Tables.set(viewer, runs.stream().map(x -> new String[] {Integer.toString(x.number()), x.asOf().toString(),
                    x.createdAt().toString().replace('T', ' '), String.format("%,d", x.customers()),
                    x.schemes().stream().map(s -> name(s.schemeId())).collect(Collectors.joining("; "))}).toList());
            if (!runs.isEmpty()) {
                viewer.getTable().select(0);
            }
            details();
        });
    }

    private String name(String schemeId) {
        InstalledScheme s = installed.get(schemeId);
        return s == null ? schemeId + " (not installed)" : s.scheme().name();
    }

    /** The selected run's class counts per scheme (in the scheme's class order) and its settings. */
    private void details() {
        Optional<RunInfo> run = selected();
        List<String[]> countRows = new ArrayList<>();
        List<String[]> settingRows = new ArrayList<>();
        run.ifPresent(r -> {
            for (RunInfo.SchemeInfo s : r.schemes()) {
                InstalledScheme is = installed.get(s.schemeId());
                long total = s.counts().values().stream().mapToLong(Integer::longValue).sum();
                List<String> order = is == null ? new ArrayList<>(s.counts().keySet())
                        : SegmentOverviewView.classIds(is.scheme(), new ArrayList<>(s.counts().keySet()));
                for (String cls : order) {
                    Integer n = s.counts().get(cls);
                    if (n != null) {
                        countRows.add(new String[] {name(s.schemeId()), is == null ? cls : Labels.of(is.scheme(), cls), String.format("%,d", n),
                                total == 0 ? "" : String.format("%.1f %%", 100.0 * n / total), s.schemeId(), cls});
                    }
                }
                new java.util.TreeMap<>(s.settings()).forEach((k, v) -> settingRows.add(new String[] {name(s.schemeId()), k, v}));
            }
        });
        Tables.set(counts, countRows);
        Tables.set(settings, settingRows);
    }

    private Optional<RunInfo> selected() {
        int i = viewer.getTable().getSelectionIndex();
        if (viewer.getStructuredSelection() instanceof IStructuredSelection sel && sel.getFirstElement() instanceof String[] row) {
            return runs.stream().filter(r -> Integer.toString(r.number()).equals(row[0])).findFirst();
        }
        return i >= 0 && i < runs.size() ? Optional.of(runs.get(i)) : Optional.empty();
    }

    /** For tests: the rows of the class counts and settings tables for the selected run. */
    public List<String[]> countRows() {
        return rows(counts);
    }

    public List<String[]> settingRows() {
        return rows(settings);
    }

    private static List<String[]> rows(TableViewer v) {
        List<String[]> l = new ArrayList<>();
        if (v.getInput() instanceof Object[] a) {
            for (Object o : a) {
                l.add((String[]) o);
            }
        }
        return l;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        load();
    }

    @Override
    public void dispose() {
        jobs.dispose();
        super.dispose();
    }
}
