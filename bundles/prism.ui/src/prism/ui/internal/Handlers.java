package prism.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import prism.ui.internal.wizards.ExportWizard;
import prism.ui.internal.wizards.ImportWizard;

/** The menu commands' handlers. */
public final class Handlers {

    private Handlers() {
    }

    public static class LoadSampleData extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            Operations.loadSampleData(Operations.SAMPLE_CUSTOMERS).schedule();
            return null;
        }
    }

    public static class Import extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            ImportWizard.open(HandlerUtil.getActiveShell(event));
            return null;
        }
    }

    public static class Export extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            ExportWizard w = new ExportWizard();
            w.init(null, null);
            new WizardDialog(HandlerUtil.getActiveShell(event), w).open();
            return null;
        }
    }

    public static class Classify extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            new ClassifyDialog(HandlerUtil.getActiveShell(event)).open();
            return null;
        }
    }
}
