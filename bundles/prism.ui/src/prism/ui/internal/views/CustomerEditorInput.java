package prism.ui.internal.views;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** Opens one customer (by id) in the customer editor. */
public record CustomerEditorInput(String customerId, String customerName) implements IEditorInput {

    @Override public boolean exists() { return true; }
    @Override public ImageDescriptor getImageDescriptor() { return null; }
    @Override public String getName() { return customerName == null || customerName.isBlank() ? customerId : customerName; }
    @Override public IPersistableElement getPersistable() { return null; }
    @Override public String getToolTipText() { return "Customer " + customerId; }
    @Override public <T> T getAdapter(Class<T> adapter) { return null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerEditorInput c && c.customerId.equals(customerId);
    }

    @Override
    public int hashCode() {
        return customerId.hashCode();
    }
}
