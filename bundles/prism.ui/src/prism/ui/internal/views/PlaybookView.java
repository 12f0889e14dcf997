package prism.ui.internal.views;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.store.StoreQueries;
import prism.ui.PrismJob;
import prism.ui.SchemeUi;
import prism.ui.WorkbenchData;

/**
 * Playbook and action list: for the chosen classes of a scheme, each customer with the recommended
 * treatment and the next contact date, from the last contact and the class's cadence (contacts a
 * year, declared by the scheme's UI bundle). Exported to CSV.
 */
public class PlaybookView extends FollowingView {

    static final int LIMIT = 20_000;

    private Combo scheme;
    private CheckboxTableViewer classes;
    private TableViewer actions;
    private Label info;
    private List<InstalledScheme> schemes = List.of();
    private List<String[]> rows = List.of();

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        scheme = new Combo(left, SWT.READ_ONLY);
        scheme.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scheme.addListener(SWT.Selection, e -> showClasses());
        classes = CheckboxTableViewer.newCheckList(left, SWT.BORDER);
        classes.setContentProvider(ArrayContentProvider.getInstance());
        classes.setLabelProvider(LabelProvider.createTextProvider(o -> ((SchemeClass) o).label()));
        classes.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        classes.addCheckStateListener(e -> showActions());
        Button export = new Button(left, SWT.PUSH);
        export.setText("Export to CSV…");
        export.addListener(SWT.Selection, e -> export());
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        info = new Label(right, SWT.NONE);
        info.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        actions = Tables.table(right, new String[] {"Customer", "Name", "Class", "Treatment", "Last contact", "Next contact"},
                new int[] {100, 180, 110, 420, 100, 100});
        actions.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        sash.setWeights(22, 78);
        follow();
        reload();
    }

    private void reload() {
        List<InstalledScheme> s = WorkbenchData.get().schemes();
        schemes = s;
        String was = scheme.getText();
        scheme.setItems(s.stream().map(x -> x.scheme().name()).toArray(String[]::new));
        int i = s.stream().map(x -> x.scheme().name()).toList().indexOf(was);
        scheme.select(i >= 0 ? i : s.stream().map(InstalledScheme::id).toList().indexOf("lifecycle.stage"));
        showClasses();
    }

    private InstalledScheme selected() {
        int i = scheme.getSelectionIndex();
        return i < 0 || i >= schemes.size() ? null : schemes.get(i);
    }

    private void showClasses() {
        InstalledScheme s = selected();
        classes.setInput(s == null ? new Object[0] : s.scheme().classes().toArray());
        showActions();
    }

    /** Checks these classes and lists their customers (for tests and the cross-tab). */
    public void choose(String schemeId, Set<String> classIds) {
        scheme.select(schemes.stream().map(InstalledScheme::id).toList().indexOf(schemeId));
        showClasses();
        InstalledScheme s = selected();
        if (s != null) {
            classes.setCheckedElements(s.scheme().classes().stream().filter(c -> classIds.contains(c.id())).toArray());
        }
        showActions();
    }

    private void showActions() {
        InstalledScheme s = selected();
        Set<String> chosen = new LinkedHashSet<>();
        for (Object o : classes.getCheckedElements()) {
            chosen.add(((SchemeClass) o).id());
        }
        if (s == null || chosen.isEmpty()) {
            rows = List.of();
            Tables.set(actions, rows);
            info.setText("Tick the classes to act on.");
            return;
        }
        PrismJob job = PrismJob.of("Action list", m -> {
            WorkbenchData data = WorkbenchData.get();
            RunInfo run = data.latestRun().orElse(null);
            List<StoreQueries.ActionRow> found = run == null ? List.of()
                    : data.store().queries().customersOfClasses(run.number(), s.id(), chosen, LIMIT);
            Display.getDefault().asyncExec(() -> {
                if (actions.getControl().isDisposed()) {
                    return;
                }
                LocalDate today = LocalDate.now();
                List<String[]> r = new ArrayList<>();
                for (StoreQueries.ActionRow a : found) {
                    SchemeClass c = s.scheme().schemeClass(a.classId());
                    r.add(new String[] {a.customerId(), a.name(), c == null ? a.classId() : c.label(), c == null ? "" : c.strategy(),
                            a.lastContact() == null ? "" : a.lastContact().toString(), next(s.id(), a, today)});
                }
                rows = r;
                Tables.set(actions, r);
                info.setText(run == null ? "No run yet: classify first."
                        : String.format("%,d customers%s, run %d as of %s", r.size(), r.size() == LIMIT ? " (the first)" : "",
                                run.number(), run.asOf()));
                info.getParent().layout();
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    /** Last contact plus the class's interval; today when that is past or there was none; blank for never. */
    static String next(String scheme, StoreQueries.ActionRow a, LocalDate today) {
        double perYear = SchemeUi.get().contactsPerYear(scheme, a.classId());
        if (perYear <= 0) {
            return "";
        }
        if (a.lastContact() == null) {
            return today.toString();
        }
        LocalDate next = a.lastContact().plusDays(Math.round(365 / perYear));
        return (next.isBefore(today) ? today : next).toString();
    }

    private void export() {
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*.csv"});
        d.setFileName("action-list.csv");
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                write(Path.of(f));
                org.eclipse.jface.dialogs.MessageDialog.openInformation(getSite().getShell(), "Export",
                        String.format("%,d actions written to %s.", rows().size(), f));
            } catch (IOException e) {
                org.eclipse.jface.dialogs.MessageDialog.openError(getSite().getShell(), "Export", "Cannot write " + f + ": " + e.getMessage());
            }
        }
    }

    /** Writes the action list shown. */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                        .setHeader("customer_id", "name", "class", "treatment", "last_contact", "next_contact").get())) {
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
    }

    public List<String[]> rows() {
        return rows;
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
