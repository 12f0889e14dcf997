package prism.plugins.ui;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.ui.ProvisioningUI;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * The p2 UI's wizards, as the Eclipse SDK opens them (and KNIME, DBeaver in their products): installing a
 * plugin from a repository, and updating the installed ones. p2 asks to restart afterwards; Prism's
 * launcher starts the workbench again.
 */
public final class Handlers {

    private Handlers() {
    }

    /** The installation's p2 UI, or null after telling the user why there is none (a launch without a p2 profile). */
    static ProvisioningUI ui(Shell shell) {
        try {
            ProvisioningUI ui = ProvisioningUI.getDefaultUI();
            if (ui != null && ui.getSession() != null && ui.getSession().getProvisioningAgent()
                    .getService(org.eclipse.equinox.p2.engine.IProfileRegistry.class).getProfile(ui.getProfileId()) != null) {
                return ui;
            }
        } catch (RuntimeException e) {
            org.eclipse.core.runtime.ILog.of(Handlers.class).log(Status.error("the p2 UI could not start", e));
        }
        MessageDialog.openInformation(shell, "Plugins", "This Prism has no p2 profile, so plugins cannot be installed into it here. "
                + "Run the product that ./mvnw verify builds (releng/prism.product/target/products/…), or use "
                + "prism install --repository URL --feature ID.");
        return null;
    }

    public static class InstallNewSoftware extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            ProvisioningUI ui = ui(HandlerUtil.getActiveShell(event));
            if (ui != null) {
                ui.openInstallWizard(null, null, null);
            }
            return null;
        }
    }

    public static class CheckForUpdates extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            Shell shell = HandlerUtil.getActiveShell(event);
            ProvisioningUI ui = ui(shell);
            if (ui == null) {
                return null;
            }
            UpdateOperation op = ui.getUpdateOperation(null, null);
            Job job = Job.create("Checking for updates", monitor -> {
                IStatus s = op.resolveModal(monitor);
                Display.getDefault().asyncExec(() -> {
                    if (s.getCode() == UpdateOperation.STATUS_NOTHING_TO_UPDATE) {
                        MessageDialog.openInformation(shell, "Check for Updates", "Every installed plugin is up to date.");
                    } else if (s.getSeverity() == IStatus.CANCEL) {
                        return;
                    } else if (s.getSeverity() == IStatus.ERROR) {
                        MessageDialog.openError(shell, "Check for Updates", s.getMessage());
                    } else {
                        ui.openUpdateWizard(false, op, null);
                    }
                });
                return Status.OK_STATUS;
            });
            job.setUser(true);
            job.schedule();
            return null;
        }
    }
}
