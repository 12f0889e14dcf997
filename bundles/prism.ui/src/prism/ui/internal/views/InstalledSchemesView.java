package prism.ui.internal.views;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.PartInitException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import prism.core.scheme.InstalledScheme;
import prism.ui.PrismUI;
import prism.ui.SchemeUi;
import prism.ui.WorkbenchData;

/**
 * Installed Schemes: id, name, version, vendor, bundle and its state; follows scheme bundles as they
 * come and go. Double-click opens the scheme's own views.
 */
public class InstalledSchemesView extends FollowingView {

    private TableViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = Tables.table(parent, new String[] {"Id", "Name", "Version", "Classes", "Vendor", "Bundle", "State", "Description"},
                new int[] {150, 170, 70, 60, 90, 260, 70, 500});
        viewer.addDoubleClickListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o instanceof String[] row) {
                for (String view : SchemeUi.get().views(row[0])) {
                    try {
                        getSite().getPage().showView(view);
                    } catch (PartInitException ex) {
                        PrismUI.log("cannot open " + view, ex);
                    }
                }
            }
        });
        follow();
        update();
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.STARTING -> "lazy";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    private void update() {
        Bundle[] bundles = FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles();
        List<String[]> rows = WorkbenchData.get().schemes().stream().map((InstalledScheme s) -> {
            Bundle b = Arrays.stream(bundles).filter(x -> x.getSymbolicName().equals(s.bundle())).findFirst().orElse(null);
            return new String[] {s.id(), s.scheme().name(), s.scheme().version(), Integer.toString(s.scheme().classes().size()),
                    b == null ? "" : b.getHeaders().get("Bundle-Vendor"), s.bundle() + " " + s.bundleVersion(),
                    b == null ? "" : state(b), s.scheme().description()};
        }).toList();
        Tables.set(viewer, rows);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        update();
    }
}
