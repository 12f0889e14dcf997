package prism.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import prism.store.ImportException;
import prism.store.StoreException;

/**
 * The one base class of Prism's long work: runs {@link #work}, turns cancel into
 * {@link Status#CANCEL_STATUS} and any failure into an error status, which the platform shows and logs.
 */
public abstract class PrismJob extends Job {

    protected PrismJob(String name) {
        super(name);
        setUser(true);
    }

    /** The work; throw to fail, honour the monitor's cancel. */
    protected abstract void work(IProgressMonitor monitor) throws Exception;

    @Override
    protected final IStatus run(IProgressMonitor monitor) {
        try {
            work(monitor);
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (ImportException e) {
            return new Status(IStatus.ERROR, PrismUI.PLUGIN_ID, e.getMessage() + " — nothing was imported; the database is as it was.");
        } catch (StoreException e) {
            return new Status(IStatus.ERROR, PrismUI.PLUGIN_ID, e.getMessage(), e);
        } catch (Exception | LinkageError e) {
            return PrismUI.error(getName() + " failed", e);
        }
    }

    /** A job from a lambda. */
    public static PrismJob of(String name, Work work) {
        return new PrismJob(name) {
            @Override
            protected void work(IProgressMonitor monitor) throws Exception {
                work.run(monitor);
            }
        };
    }

    @FunctionalInterface
    public interface Work {
        void run(IProgressMonitor monitor) throws Exception;
    }
}
