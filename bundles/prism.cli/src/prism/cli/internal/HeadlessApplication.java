package prism.cli.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import prism.cli.Cli;
import prism.core.scheme.SchemeRegistry;

/** The headless Eclipse application {@code prism.cli.headless}: runs one command, returns its exit code. */
public class HeadlessApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        prism.engine.Trace.mark("application start");
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<SchemeRegistry, SchemeRegistry> tracker = new ServiceTracker<>(bc, SchemeRegistry.class, null);
        tracker.open();
        try {
            SchemeRegistry registry = tracker.waitForService(30_000);
            if (registry == null) {
                System.err.println("prism: the scheme registry did not start (is Declarative Services, org.apache.felix.scr, installed?)");
                return Cli.FAILURE;
            }
            prism.engine.Trace.mark("schemes registered");
            ServiceTracker<prism.engine.ClassificationService, prism.engine.ClassificationService> engines =
                    new ServiceTracker<>(bc, prism.engine.ClassificationService.class, null);
            engines.open();
            try {
                prism.engine.ClassificationService engine = engines.waitForService(30_000);
                if (engine == null) {
                    System.err.println("prism: the classification service (bundle prism.engine) did not start");
                    return Cli.FAILURE;
                }
                return new Cli(registry, engine, System.out, System.err, System.getenv()).run(args == null ? new String[0] : args);
            } finally {
                engines.close();
            }
        } catch (Throwable t) { // never exit 0 on an error: the caller of a scheduled run trusts the code
            System.err.println("prism: failed: " + t);
            return Cli.FAILURE;
        } finally {
            prism.engine.Trace.mark("command done");
            System.out.flush();
            tracker.close();
        }
    }

    @Override
    public void stop() {
        // a command runs to its end
    }
}
