package prism.ui.internal;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

import prism.ui.WorkbenchData;

/** Closes the database when the workbench bundle stops. */
public class PrismUIPlugin extends AbstractUIPlugin {

    @Override
    public void stop(BundleContext context) throws Exception {
        WorkbenchData.get().dispose();
        super.stop(context);
    }
}
