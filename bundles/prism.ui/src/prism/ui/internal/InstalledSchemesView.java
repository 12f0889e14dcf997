package prism.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeRegistry;

/** Installed Schemes: id, name, version, bundle; follows scheme bundles as they come and go. */
public class InstalledSchemesView extends ViewPart {

    private TableViewer viewer;
    private ServiceTracker<SchemeRegistry, SchemeRegistry> tracker;
    private final Runnable refresh = () -> {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().asyncExec(this::update);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column("Id", 160, s -> s.id());
        column("Name", 180, s -> s.scheme().name());
        column("Version", 80, s -> s.scheme().version());
        column("Classes", 60, s -> Integer.toString(s.scheme().classes().size()));
        column("Bundle", 220, s -> s.bundle() + " " + s.bundleVersion());
        column("Description", 400, s -> s.scheme().description());
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), SchemeRegistry.class, null);
        tracker.open();
        SchemeRegistry registry = tracker.getService();
        if (registry != null) {
            registry.addListener(refresh);
        }
        update();
    }

    private void column(String title, int width, Function<InstalledScheme, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((InstalledScheme) element);
            }
        });
    }

    private void update() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        SchemeRegistry registry = tracker.getService();
        viewer.setInput(registry == null ? new Object[0] : registry.schemes().toArray());
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        SchemeRegistry registry = tracker.getService();
        if (registry != null) {
            registry.removeListener(refresh);
        }
        tracker.close();
        super.dispose();
    }
}
