package prism.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.ui.tests.Workbench.ui;
import static prism.ui.tests.Workbench.waitFor;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.FrameworkUtil;

/**
 * Help › Install New Software… and Help › About › Installation Details open the p2 UI's wizard and pages
 * in the workbench, over a p2 profile of the test's own (eclipse.p2.profile in the pom).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PluginsUiTest {

    @BeforeAll
    static void aProfile() throws Exception {
        waitFor("the workbench window", 120, () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
        var ctx = FrameworkUtil.getBundle(PluginsUiTest.class).getBundleContext();
        IProvisioningAgent agent = ctx.getService(ctx.getServiceReference(IProvisioningAgent.class));
        IProfileRegistry profiles = agent.getService(IProfileRegistry.class);
        String id = System.getProperty("eclipse.p2.profile");
        if (profiles.getProfile(id) == null) {
            profiles.addProfile(id);
        }
    }

    private static void command(String id) {
        Workbench.display().asyncExec(() -> { // a modal dialog: its own event loop, which keeps serving the test
            try {
                PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(id, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Shell shell(String titlePart) {
        return ui(() -> Arrays.stream(Workbench.display().getShells()).filter(s -> !s.isDisposed() && s.isVisible()
                && s.getText().contains(titlePart)).findFirst().orElse(null));
    }

    private static Button button(Composite c, String text) {
        for (Control k : c.getChildren()) {
            if (k instanceof Button b && b.getText().replace("&", "").equals(text)) {
                return b;
            }
            if (k instanceof Composite sub) {
                Button b = button(sub, text);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    @Test
    void installNewSoftwareOpensThePluginWizard() throws Exception {
        command("prism.plugins.ui.install");
        waitFor("the Install wizard", 60, () -> shell("Install") != null);
        Shell wizard = shell("Install");
        assertNotNull(ui(() -> button(wizard, "Add...") != null ? "" : button(wizard, "Add…")), "the Work with… Add button");
        Thread.sleep(1000);
        Workbench.screenshot("install-new-software");
        Workbench.run(wizard::close);
        waitFor("the wizard closed", 30, () -> shell("Install") == null);
    }

    @Test
    void installationDetailsListTheInstalledSoftware() throws Exception {
        command("org.eclipse.ui.help.aboutAction");
        waitFor("the About dialog", 60, () -> shell("About") != null);
        Shell about = shell("About");
        AtomicReference<Button> details = new AtomicReference<>();
        waitFor("its Installation Details button", 30, () -> {
            details.set(button(about, "Installation Details"));
            return details.get() != null;
        });
        Workbench.display().asyncExec(() -> details.get().notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event()));
        waitFor("the Installation Details", 60, () -> shell("Installation Details") != null);
        Shell dialog = shell("Installation Details");
        String tabs = ui(() -> {
            StringBuilder sb = new StringBuilder();
            collectTabs(dialog, sb);
            return sb.toString();
        });
        assertTrue(tabs.contains("Installed Software") && tabs.contains("Installation History"), tabs);
        Thread.sleep(1000);
        Workbench.screenshot("installation-details");
        Workbench.run(dialog::close);
        Workbench.run(about::close);
        waitFor("both closed", 30, () -> shell("Installation Details") == null && shell("About") == null);
    }

    private static void collectTabs(Composite c, StringBuilder sb) {
        if (c instanceof org.eclipse.swt.widgets.TabFolder t) {
            for (var item : t.getItems()) {
                sb.append(item.getText()).append('|');
            }
        }
        if (c instanceof org.eclipse.swt.custom.CTabFolder t) {
            for (var item : t.getItems()) {
                sb.append(item.getText()).append('|');
            }
        }
        for (Control k : c.getChildren()) {
            if (k instanceof Composite sub) {
                collectTabs(sub, sb);
            }
        }
    }
}
