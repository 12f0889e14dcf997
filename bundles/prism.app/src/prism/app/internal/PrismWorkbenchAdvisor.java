package prism.app.internal;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import prism.ui.PrismUI;

/** Opens the Prism perspective in a window titled Prism. */
public class PrismWorkbenchAdvisor extends WorkbenchAdvisor {

    /** For smoke tests of the product: close the workbench as soon as it has started. */
    static final String EXIT_AFTER_STARTUP = "prism.exitAfterStartup";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(true);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return PrismUI.PERSPECTIVE_ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                IWorkbenchWindowConfigurer c = getWindowConfigurer();
                c.setInitialSize(new Point(1280, 800));
                c.setShowStatusLine(true);
                c.setShowProgressIndicator(true); // every job's progress, with its Cancel button
                c.setShowCoolBar(false);
                c.setTitle("Prism");
            }

            @Override
            public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
                return new PrismActionBarAdvisor(configurer);
            }
        };
    }

    @Override
    public void postStartup() {
        prism.ui.SchemeActivities.install();
        if (Boolean.getBoolean(EXIT_AFTER_STARTUP)) {
            PlatformUI.getWorkbench().getDisplay().timerExec(2000, () -> PlatformUI.getWorkbench().close());
        }
    }
}
