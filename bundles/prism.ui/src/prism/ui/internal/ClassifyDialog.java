package prism.ui.internal;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.PreferencesUtil;

import prism.core.scheme.InstalledScheme;
import prism.ui.PrismJob;
import prism.ui.WorkbenchData;

/** Classify: the as-of date, the schemes (all by default), a link to their settings; runs as a job. */
public class ClassifyDialog extends TitleAreaDialog {

    private DateTime date;
    private CheckboxTableViewer schemes;

    public ClassifyDialog(Shell shell) {
        super(shell);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Classify customers");
        setMessage("Runs the chosen schemes over every customer as of a date and stores the run.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(c, SWT.NONE).setText("As of:");
        date = new DateTime(c, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
        Label l = new Label(c, SWT.NONE);
        l.setText("Schemes:");
        l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        schemes = CheckboxTableViewer.newCheckList(c, SWT.BORDER);
        schemes.setContentProvider(ArrayContentProvider.getInstance());
        schemes.setLabelProvider(LabelProvider.createTextProvider(o -> ((InstalledScheme) o).scheme().name() + "  (" + ((InstalledScheme) o).id() + ")"));
        schemes.setInput(WorkbenchData.get().schemes().toArray());
        schemes.setAllChecked(true);
        schemes.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(c, SWT.NONE);
        Button settings = new Button(c, SWT.PUSH);
        settings.setText("Settings…");
        settings.addListener(SWT.Selection, e -> {
            PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(getShell(), "prism.ui.preferences", null, null);
            d.open();
        });
        return area;
    }

    @Override
    protected void okPressed() {
        LocalDate asOf = LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
        Set<String> chosen = new LinkedHashSet<>();
        for (Object o : schemes.getCheckedElements()) {
            chosen.add(((InstalledScheme) o).id());
        }
        if (chosen.isEmpty()) {
            setErrorMessage("Choose at least one scheme.");
            return;
        }
        PrismJob.of("Classifying as of " + asOf, m -> Operations.classify(asOf, chosen, m)).schedule();
        super.okPressed();
    }
}
