package prism.ui.internal.wizards;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.jface.viewers.IStructuredSelection;

import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.ImportResult;
import prism.ui.PrismJob;
import prism.ui.WorkbenchData;
import prism.ui.internal.Operations;
import prism.ui.internal.views.Tables;

/**
 * Import customers, orders and interactions: choose the files, see the first rows with how each column
 * maps, check them (every bad value of every file listed with its line and column, nothing written), then
 * import as a job with progress and cancel — all or nothing, or, when chosen, the good rows with the
 * rejected ones written to a report, as the command line's {@code --rejects} does. Finish stays disabled
 * while a check has found problems the import would stop at. At the end a summary, and an offer to classify.
 */
public class ImportWizard extends Wizard implements IImportWizard {

    static final String[] KINDS = {"customers", "orders", "interactions"};
    static final List<Set<String>> KNOWN = List.of(
            Set.of("id", "name", "kind", "role", "country", "region", "city", "industry", "plan", "created", "refused"),
            Set.of("id", "customer_id", "date", "amount", "discount", "promo", "custom", "cost"),
            Set.of("id", "customer_id", "date", "type", "score", "stage", "note"));
    static final List<Set<String>> REQUIRED = List.of(Set.of("id"), Set.of("id", "customer_id", "date", "amount"),
            Set.of("id", "customer_id", "date", "type"));

    private FilesPage page;

    public static void open(Shell shell) {
        ImportWizard w = new ImportWizard();
        w.init(null, null);
        new WizardDialog(shell, w).open();
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        setWindowTitle("Import customer data");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new FilesPage();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        ImportRequest r = page.request();
        org.eclipse.swt.widgets.Display display = getShell().getDisplay();
        PrismJob.of("Importing", m -> {
            ImportResult res = Operations.importFiles(r, m);
            display.asyncExec(() -> summarise(display, r, res));
        }).schedule();
        return true;
    }

    /** What was imported, and an offer to classify it. */
    private static void summarise(org.eclipse.swt.widgets.Display display, ImportRequest r, ImportResult res) {
        String text = String.format("Imported %s, %s and %s.", counts("customers", res.customers()), counts("orders", res.orders()),
                counts("interactions", res.interactions()));
        long rejected = res.customers().rejected() + res.orders().rejected() + res.interactions().rejected();
        if (rejected > 0 && r.rejectsReport() != null) {
            text += String.format("%n%n%,d rejected rows are listed in %s.", rejected, r.rejectsReport());
        }
        if (org.eclipse.jface.dialogs.MessageDialog.openQuestion(display.getActiveShell(), "Import finished",
                text + "\n\nClassify every customer now, as of today?")) {
            java.time.LocalDate today = java.time.LocalDate.now();
            PrismJob.of("Classifying as of " + today, m -> Operations.classify(today, Set.of(), m)).schedule();
        }
    }

    private static String counts(String what, ImportResult.Counts c) {
        return String.format("%,d %s (%,d new, %,d updated%s)", c.inserted() + c.updated(), what, c.inserted(), c.updated(),
                c.rejected() == 0 ? "" : String.format(", %,d rejected", c.rejected()));
    }

    /** The one page: three files, a preview with the column mapping, and the check. */
    public static final class FilesPage extends WizardPage {
        final Text[] files = new Text[3];
        private Combo previewOf;
        private Table preview;
        private TableViewer problems;
        private Label checkResult;
        private Button landGood;
        private Text rejects;
        /** Problems the last check found in the files as they are now; cleared when a file changes. */
        private boolean problemsKnown;

        FilesPage() {
            super("files");
            setTitle("Choose the CSV files");
            setDescription("UTF-8 with a header row. Any file may be left out; orders and interactions may refer to stored customers.");
            setPageComplete(false);
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(3, false));
            for (int i = 0; i < 3; i++) {
                int k = i;
                new Label(c, SWT.NONE).setText(KINDS[i] + ":");
                files[i] = new Text(c, SWT.BORDER);
                files[i].setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                files[i].addModifyListener(e -> changed(k));
                Button b = new Button(c, SWT.PUSH);
                b.setText("Browse…");
                b.addListener(SWT.Selection, e -> {
                    FileDialog d = new FileDialog(getShell(), SWT.OPEN);
                    d.setFilterExtensions(new String[] {"*.csv", "*"});
                    String f = d.open();
                    if (f != null) {
                        files[k].setText(f);
                    }
                });
            }
            new Label(c, SWT.NONE).setText("Preview:");
            previewOf = new Combo(c, SWT.READ_ONLY);
            previewOf.setItems(KINDS);
            previewOf.select(0);
            previewOf.addListener(SWT.Selection, e -> showPreview());
            Button check = new Button(c, SWT.PUSH);
            check.setText("Check files");
            check.addListener(SWT.Selection, e -> check());
            preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION);
            preview.setHeaderVisible(true);
            preview.setLinesVisible(true);
            GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
            pd.heightHint = 160;
            preview.setLayoutData(pd);
            landGood = new Button(c, SWT.CHECK);
            landGood.setText("Import the good rows and write the rejected ones to:");
            landGood.setToolTipText("As prism import --rejects FILE: the rows with problems are left out and listed with line, column and reason");
            rejects = new Text(c, SWT.BORDER);
            rejects.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            rejects.setText(Path.of(System.getProperty("user.home"), "prism-rejects.csv").toString());
            rejects.setEnabled(false);
            new Label(c, SWT.NONE);
            landGood.addListener(SWT.Selection, e -> {
                rejects.setEnabled(landGood.getSelection());
                changed(-1);
            });
            rejects.addModifyListener(e -> changed(-1));
            checkResult = new Label(c, SWT.WRAP);
            checkResult.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
            problems = Tables.table(c, new String[] {"File", "Line", "Column", "Problem"}, new int[] {160, 50, 60, 500});
            GridData qd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
            qd.heightHint = 120;
            problems.getControl().setLayoutData(qd);
            setControl(c);
        }

        /** Sets the file of one kind (0 customers, 1 orders, 2 interactions). */
        public void setFile(int kind, String path) {
            files[kind].setText(path);
        }

        private Path path(int i) {
            String s = files[i].getText().trim();
            return s.isEmpty() ? null : Path.of(s);
        }

        public ImportRequest request() {
            if (landGood != null && landGood.getSelection() && !rejects.getText().isBlank()) {
                return new ImportRequest(path(0), path(1), path(2), Path.of(rejects.getText().trim()));
            }
            return ImportRequest.of(path(0), path(1), path(2));
        }

        /** Chooses whether the good rows are imported and the rejected ones reported (for tests). */
        public void landGoodRows(boolean yes, String report) {
            landGood.setSelection(yes);
            rejects.setEnabled(yes);
            rejects.setText(report);
            changed(-1);
        }

        private void changed(int k) {
            if (k >= 0) {
                problemsKnown = false; // another file: the last check's problems no longer hold
            }
            boolean any = false;
            String error = null;
            for (int i = 0; i < 3; i++) {
                Path p = path(i);
                if (p != null) {
                    any = true;
                    if (!Files.isRegularFile(p)) {
                        error = "No such file: " + p;
                    }
                }
            }
            if (error == null && landGood != null && landGood.getSelection() && rejects.getText().isBlank()) {
                error = "Name the file for the rejected rows.";
            }
            boolean landing = landGood != null && landGood.getSelection();
            if (error == null && problemsKnown && !landing) {
                setMessage("The check found problems: fix the files, or import the good rows and report the rejected ones.", WARNING);
            }
            setErrorMessage(error);
            setPageComplete(any && error == null && (!problemsKnown || landing));
            if (k >= 0 && path(k) != null && Files.isRegularFile(path(k))) {
                previewOf.select(k);
                showPreview();
            }
        }

        /** The first rows of the chosen file, each header marked with how it is read. */
        void showPreview() {
            preview.removeAll();
            for (TableColumn col : preview.getColumns()) {
                col.dispose();
            }
            int k = previewOf.getSelectionIndex();
            Path p = path(k);
            if (p == null || !Files.isRegularFile(p)) {
                return;
            }
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                for (String h : parser.getHeaderNames()) {
                    String key = h.trim().toLowerCase(Locale.ROOT);
                    TableColumn col = new TableColumn(preview, SWT.NONE);
                    col.setText(h + (REQUIRED.get(k).contains(key) ? " (required)" : KNOWN.get(k).contains(key) ? "" : " → custom attribute"));
                    col.setWidth(Math.max(80, 9 * col.getText().length()));
                }
                int n = 0;
                for (CSVRecord rec : parser) {
                    if (n++ >= 20) {
                        break;
                    }
                    TableItem item = new TableItem(preview, SWT.NONE);
                    for (int i = 0; i < rec.size() && i < preview.getColumnCount(); i++) {
                        item.setText(i, rec.get(i));
                    }
                }
                List<String> missing = REQUIRED.get(k).stream().filter(x -> parser.getHeaderNames().stream()
                        .noneMatch(h -> h.trim().equalsIgnoreCase(x))).sorted().toList();
                setMessage(missing.isEmpty() ? null : KINDS[k] + " lacks the required column(s) " + missing, WARNING);
            } catch (IOException | RuntimeException e) {
                setMessage("Cannot preview " + p.getFileName() + ": " + e.getMessage(), WARNING);
            }
        }

        /**
         * Checks every file without writing and lists each problem with its line and column. A file that
         * cannot be read past a problem (a bad header, a broken quote) is listed with it, and the other
         * files are checked without it, so one check shows everything there is to fix.
         */
        public void check() {
            ImportRequest r = request();
            List<String[]> found = new ArrayList<>();
            String[] summary = new String[1];
            org.eclipse.jface.operation.IRunnableWithProgress work = monitor -> {
                Path[] files = {r.customers(), r.orders(), r.interactions()};
                long rows = 0;
                List<String> unreadable = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    if (files[0] == null && files[1] == null && files[2] == null) {
                        break;
                    }
                    Path report = null;
                    try {
                        report = Files.createTempFile("prism-check", ".csv");
                        ImportResult res = WorkbenchData.get().store().importFiles(ImportRequest.validate(files[0], files[1], files[2], report),
                                monitor);
                        try (Reader in = Files.newBufferedReader(report);
                                CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                            for (CSVRecord rec : p) {
                                found.add(new String[] {Path.of(rec.get("file")).getFileName().toString(), rec.get("line"), rec.get("column"),
                                        rec.get("reason")});
                            }
                        }
                        rows += res.customers().total() + res.orders().total() + res.interactions().total();
                        break;
                    } catch (ImportException e) {
                        found.add(new String[] {Path.of(e.file()).getFileName().toString(), Long.toString(e.line()),
                                Integer.toString(e.column()), e.problem()});
                        unreadable.add(Path.of(e.file()).getFileName().toString());
                        boolean dropped = false;
                        for (int i = 0; i < 3; i++) { // check the others without the file that cannot be read
                            if (files[i] != null && sameFile(files[i], Path.of(e.file()))) {
                                files[i] = null;
                                dropped = true;
                            }
                        }
                        if (!dropped) {
                            break;
                        }
                    } catch (IOException | RuntimeException e) {
                        summary[0] = "Cannot check: " + e.getMessage();
                        return;
                    } finally {
                        if (report != null) {
                            report.toFile().delete();
                        }
                    }
                }
                summary[0] = found.isEmpty() ? String.format("All %,d rows are good.", rows)
                        : String.format("%,d problems%s; %,d rows of the other files are good.", found.size(),
                                unreadable.isEmpty() ? "" : " (" + String.join(", ", unreadable) + " cannot be read past the first)", rows);
            };
            try {
                if (getContainer() != null) {
                    getContainer().run(true, true, work); // in the wizard: its progress bar, with Cancel
                } else {
                    work.run(new NullProgressMonitor());
                }
            } catch (java.lang.reflect.InvocationTargetException e) {
                summary[0] = "Cannot check: " + e.getCause().getMessage();
            } catch (InterruptedException e) {
                summary[0] = "Check cancelled.";
            }
            checkResult.setText(summary[0] == null ? "" : summary[0]);
            Tables.set(problems, found);
            problemsKnown = !found.isEmpty();
            changed(-1);
            checkResult.getParent().layout();
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
            }
        }

        /** Whether Finish is enabled. */
        public boolean canFinish() {
            return isPageComplete();
        }

        public List<String[]> problems() {
            List<String[]> l = new ArrayList<>();
            if (problems.getInput() instanceof Object[] a) {
                for (Object o : a) {
                    l.add((String[]) o);
                }
            }
            return l;
        }
    }

    /** For tests. */
    public FilesPage page() {
        return page;
    }
}
