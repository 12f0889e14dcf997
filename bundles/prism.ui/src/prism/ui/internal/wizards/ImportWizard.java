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
 * maps, check them (every bad value listed with its line and column, nothing written), then import as a
 * job with progress and cancel — all or nothing.
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
        PrismJob.of("Importing", m -> Operations.importFiles(r, m)).schedule();
        return true;
    }

    /** The one page: three files, a preview with the column mapping, and the check. */
    public static final class FilesPage extends WizardPage {
        final Text[] files = new Text[3];
        private Combo previewOf;
        private Table preview;
        private TableViewer problems;
        private Label checkResult;

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

        ImportRequest request() {
            return ImportRequest.of(path(0), path(1), path(2));
        }

        private void changed(int k) {
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
            setErrorMessage(error);
            setPageComplete(any && error == null);
            if (path(k) != null && Files.isRegularFile(path(k))) {
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

        /** Checks every file without writing; lists each problem with its line and column. */
        public void check() {
            ImportRequest r = request();
            List<String[]> found = new ArrayList<>();
            String[] summary = new String[1];
            BusyIndicator.showWhile(getControl().getDisplay(), () -> {
                Path report = null;
                try {
                    report = Files.createTempFile("prism-check", ".csv");
                    ImportResult res = WorkbenchData.get().store().importFiles(
                            ImportRequest.validate(r.customers(), r.orders(), r.interactions(), report), new NullProgressMonitor());
                    try (Reader in = Files.newBufferedReader(report);
                            CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                        for (CSVRecord rec : p) {
                            found.add(new String[] {Path.of(rec.get("file")).getFileName().toString(), rec.get("line"), rec.get("column"),
                                    rec.get("reason")});
                        }
                    }
                    long rows = res.customers().total() + res.orders().total() + res.interactions().total();
                    summary[0] = found.isEmpty() ? String.format("All %,d rows are good.", rows)
                            : String.format("%,d rows are good, %,d have problems: the import would stop at the first.", rows, found.size());
                } catch (ImportException e) {
                    found.add(new String[] {Path.of(e.file()).getFileName().toString(), Long.toString(e.line()),
                            Integer.toString(e.column()), e.problem()});
                    summary[0] = "The file cannot be read past this problem.";
                } catch (IOException | RuntimeException e) {
                    summary[0] = "Cannot check: " + e.getMessage();
                } finally {
                    if (report != null) {
                        report.toFile().delete();
                    }
                }
            });
            checkResult.setText(summary[0]);
            Tables.set(problems, found);
            checkResult.getParent().layout();
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
