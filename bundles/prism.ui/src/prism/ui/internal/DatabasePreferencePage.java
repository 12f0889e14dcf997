package prism.ui.internal;

import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;

import prism.store.StoreConfig;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;

/**
 * Prism › Database: an embedded Derby folder (default ~/.prism/db) or a PostgreSQL server URL and
 * user (the password comes from PRISM_DB_PASSWORD). Applying reopens the database.
 */
public class DatabasePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public DatabasePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, PrismUI.PLUGIN_ID));
        setDescription("Where Prism keeps customers, orders, interactions and runs.");
        getPreferenceStore().setDefault(WorkbenchData.PREF_DB_MODE, "embedded");
        getPreferenceStore().setDefault(WorkbenchData.PREF_DB_PATH, StoreConfig.defaultDerbyDirectory().toString());
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected void createFieldEditors() {
        addField(new RadioGroupFieldEditor(WorkbenchData.PREF_DB_MODE, "Database", 1,
                new String[][] {{"Embedded (Derby, on this computer)", "embedded"}, {"Server (PostgreSQL, shared by a team)", "server"}},
                getFieldEditorParent(), true));
        addField(new DirectoryFieldEditor(WorkbenchData.PREF_DB_PATH, "Embedded database folder:", getFieldEditorParent()));
        StringFieldEditor url = new StringFieldEditor(WorkbenchData.PREF_DB_URL, "Server JDBC URL:", getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String v = getStringValue().trim();
                return v.isEmpty() || v.startsWith("jdbc:postgresql://");
            }
        };
        url.setErrorMessage("Expected jdbc:postgresql://HOST:PORT/DATABASE");
        addField(url);
        addField(new StringFieldEditor(WorkbenchData.PREF_DB_USER, "Server user:", getFieldEditorParent()));
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        if (ok) {
            try {
                ((ScopedPreferenceStore) getPreferenceStore()).save();
            } catch (java.io.IOException e) {
                PrismUI.log("cannot save the database preferences", e);
            }
            WorkbenchData.get().reopen();
        }
        return ok;
    }
}
