package prism.rules.ui.internal;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** A rule scheme to edit: a stored one by its id, or a new one ({@code id} null) started from a document. */
public final class RuleSchemeInput implements IEditorInput {

    private String id;
    private final String template;

    private RuleSchemeInput(String id, String template) {
        this.id = id;
        this.template = template;
    }

    public static RuleSchemeInput stored(String id) {
        return new RuleSchemeInput(id, null);
    }

    /** A new scheme, not yet saved, starting as {@code document} (a JSON rule scheme). */
    public static RuleSchemeInput draft(String document) {
        return new RuleSchemeInput(null, document);
    }

    public String id() {
        return id;
    }

    String template() {
        return template;
    }

    /** Once saved, a new scheme is the stored one of that id. */
    void saved(String savedId) {
        this.id = savedId;
    }

    @Override public boolean exists() { return id != null; }
    @Override public ImageDescriptor getImageDescriptor() { return null; }
    @Override public String getName() { return id == null ? "New rule scheme" : id; }
    @Override public IPersistableElement getPersistable() { return null; }
    @Override public String getToolTipText() { return id == null ? "A rule scheme not saved yet" : "Rule scheme " + id; }
    @Override public <T> T getAdapter(Class<T> adapter) { return null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSchemeInput r && id != null && id.equals(r.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
