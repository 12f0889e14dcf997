package prism.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.Setting;

/**
 * The settings page of any scheme, built from the scheme's typed settings: declare it in a scheme UI
 * bundle as {@code class="prism.ui.SchemeSettingsPage:SCHEME_ID"}. Each value is checked as it is typed;
 * Restore Defaults puts the scheme's defaults back. The values are used by the next classification.
 */
public class SchemeSettingsPage extends PreferencePage implements IWorkbenchPreferencePage, IExecutableExtension {

    private String schemeId;
    private InstalledScheme scheme;
    private final List<Text> fields = new ArrayList<>();

    public SchemeSettingsPage() {
    }

    public SchemeSettingsPage(String schemeId) {
        this.schemeId = schemeId;
    }

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) throws CoreException {
        schemeId = (String) data;
    }

    @Override
    public void init(IWorkbench workbench) {
        scheme = WorkbenchData.get().registry().find(schemeId).orElse(null);
        setDescription(scheme == null ? "The scheme " + schemeId + " is not installed." : scheme.scheme().description());
    }

    private IEclipsePreferences node() {
        return (IEclipsePreferences) InstanceScope.INSTANCE.getNode(PrismUI.PLUGIN_ID).node("schemes").node(schemeId);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        if (scheme == null) {
            return c;
        }
        if (scheme.scheme().settings().isEmpty()) {
            new Label(c, SWT.WRAP).setText("This scheme has no settings.");
        }
        for (Setting s : scheme.scheme().settings()) {
            Label l = new Label(c, SWT.NONE);
            l.setText(s.label() + ":");
            l.setToolTipText(s.description());
            Text t = new Text(c, SWT.BORDER);
            t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            t.setText(node().get(s.key(), s.defaultValue()));
            t.setToolTipText(s.key() + " — " + s.description());
            t.setData(s);
            t.addModifyListener(e -> validate());
            fields.add(t);
        }
        return c;
    }

    private void validate() {
        for (Text t : fields) {
            Setting s = (Setting) t.getData();
            String error = s.validate(t.getText());
            if (error != null) {
                setErrorMessage(s.label() + ": " + error);
                setValid(false);
                return;
            }
        }
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Text t : fields) {
            values.put(((Setting) t.getData()).key(), t.getText());
        }
        try { // the checks across settings, as the command line makes them
            prism.core.scheme.Settings.of(scheme.scheme(), values);
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            setValid(false);
            return;
        }
        setErrorMessage(null);
        setValid(true);
    }

    @Override
    public void performDefaults() {
        for (Text t : fields) {
            t.setText(((Setting) t.getData()).defaultValue());
        }
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        IEclipsePreferences node = node();
        boolean changed = false;
        for (Text t : fields) {
            Setting s = (Setting) t.getData();
            changed |= !t.getText().trim().equals(node.get(s.key(), s.defaultValue()));
        }
        for (Text t : fields) {
            Setting s = (Setting) t.getData();
            if (t.getText().trim().equals(s.defaultValue())) {
                node.remove(s.key());
            } else {
                node.put(s.key(), t.getText().trim());
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            PrismUI.log("cannot save the settings of " + schemeId, e);
        }
        if (changed && getContainer() != null) { // in the Preferences dialog: offer the run the new values are for
            offerToClassify();
        }
        return true;
    }

    /** After the dialog closes: classify every customer again as of the latest run's date, if the analyst wants. */
    private void offerToClassify() {
        org.eclipse.swt.widgets.Display display = getControl().getDisplay();
        display.asyncExec(() -> {
            java.util.Optional<prism.store.RunInfo> latest;
            try {
                latest = WorkbenchData.get().isStoreOpen() ? WorkbenchData.get().latestRun() : java.util.Optional.empty();
            } catch (RuntimeException e) {
                return;
            }
            if (latest.isEmpty()) {
                return;
            }
            java.time.LocalDate asOf = latest.get().asOf();
            String name = scheme == null ? schemeId : scheme.scheme().name();
            if (org.eclipse.jface.dialogs.MessageDialog.openQuestion(display.getActiveShell(), "Settings changed",
                    "The settings of " + name + " changed. Classify every customer again as of " + asOf + " with them?\n\n"
                            + "The stored runs stay as they were; Migration then shows who moved because of the new settings.")) {
                PrismJob.of("Classifying as of " + asOf, m -> prism.ui.internal.Operations.classify(asOf, java.util.Set.of(), m)).schedule();
            }
        });
    }

    /** For tests: the fields in the order of the scheme's settings. */
    public List<Text> fields() {
        return fields;
    }
}
