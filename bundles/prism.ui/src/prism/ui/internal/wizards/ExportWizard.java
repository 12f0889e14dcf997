package prism.ui.internal.wizards;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IExportWizard;
import org.eclipse.ui.IWorkbench;

import prism.store.RunInfo;
import prism.ui.PrismJob;
import prism.ui.WorkbenchData;

/** Export a run's classes as CSV (customer_id,scheme,class,score,explanation), as a job. */
public class ExportWizard extends Wizard implements IExportWizard {

    private Page page;

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        setWindowTitle("Export classes");
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        int run = page.runs.get(page.run.getSelectionIndex()).number();
        List<String> schemes = new ArrayList<>();
        for (Object o : page.schemes.getCheckedElements()) {
            schemes.add((String) o);
        }
        Path file = Path.of(page.file.getText().trim());
        PrismJob.of("Exporting run " + run, m -> {
            // Written beside and moved into place: a failed export leaves an earlier file as it was.
            Path part = file.resolveSibling(file.getFileName() + ".part");
            long rows;
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                rows = WorkbenchData.get().store().export(run, schemes, w);
            } catch (java.io.IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long n = rows;
            org.eclipse.swt.widgets.Display.getDefault().asyncExec(() -> org.eclipse.jface.dialogs.MessageDialog.openInformation(null,
                    "Export", String.format("Run %d: %,d rows written to %s.", run, n, file)));
        }).schedule();
        return true;
    }

    static final class Page extends WizardPage {
        Combo run;
        CheckboxTableViewer schemes;
        Text file;
        List<RunInfo> runs = List.of();

        Page() {
            super("export");
            setTitle("Export classes");
            setDescription("One row per customer and scheme, with the score and the explanation.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(3, false));
            new Label(c, SWT.NONE).setText("Run:");
            run = new Combo(c, SWT.READ_ONLY);
            run.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            runs = WorkbenchData.get().store().runs().reversed();
            run.setItems(runs.stream().map(r -> r.number() + " as of " + r.asOf()).toArray(String[]::new));
            run.select(0);
            run.addListener(SWT.Selection, e -> showSchemes());
            new Label(c, SWT.NONE).setText("Schemes:");
            schemes = CheckboxTableViewer.newCheckList(c, SWT.BORDER);
            schemes.setContentProvider(ArrayContentProvider.getInstance());
            schemes.setLabelProvider(new LabelProvider());
            schemes.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
            new Label(c, SWT.NONE).setText("File:");
            file = new Text(c, SWT.BORDER);
            file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            file.addModifyListener(e -> setPageComplete(!file.getText().isBlank() && !runs.isEmpty()));
            Button b = new Button(c, SWT.PUSH);
            b.setText("Browse…");
            b.addListener(SWT.Selection, e -> {
                FileDialog d = new FileDialog(getShell(), SWT.SAVE);
                d.setFileName("classes.csv");
                d.setOverwrite(true);
                String f = d.open();
                if (f != null) {
                    file.setText(f);
                }
            });
            showSchemes();
            setPageComplete(false);
            if (runs.isEmpty()) {
                setErrorMessage("There is no stored run yet: classify first.");
            }
            setControl(c);
        }

        private void showSchemes() {
            int i = run.getSelectionIndex();
            schemes.setInput(i < 0 ? new Object[0] : runs.get(i).schemes().stream().map(RunInfo.SchemeInfo::schemeId).toArray());
            schemes.setAllChecked(true);
        }
    }
}
