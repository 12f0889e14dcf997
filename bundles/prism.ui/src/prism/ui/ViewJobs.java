package prism.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.progress.IWorkbenchSiteProgressService;

/**
 * A view's background reads. Each read has a slot (the cross-tab, the charts…): a new read in a slot
 * cancels the one before, and only the latest read of a slot, made for the database still open, reaches
 * the view — a late answer for another choice or another database is dropped, never shown under the new
 * labels. Reads run as jobs the view's site shows (busy title, Progress view, status-line progress with
 * its Cancel button); the view hears of each slot's state to show it in place.
 */
public final class ViewJobs {

    /** What a slot is doing, for the view to show. */
    public enum State {
        RUNNING, DONE, CANCELLED, FAILED
    }

    /** The read, off the UI thread; honour the monitor's cancel. */
    @FunctionalInterface
    public interface Read<T> {
        T read(IProgressMonitor monitor) throws Exception;
    }

    /** Told on the UI thread when a slot's state changes; {@code detail} is the job's name or the failure. */
    @FunctionalInterface
    public interface StateListener {
        void changed(String slot, State state, String detail);
    }

    private final IWorkbenchPart part;
    private final Map<String, Job> current = new HashMap<>();
    private StateListener listener = (slot, state, detail) -> { };
    private boolean disposed;

    public ViewJobs(IWorkbenchPart part) {
        this.part = part;
    }

    public void onStateChange(StateListener l) {
        listener = l;
    }

    /**
     * Reads in the background and shows the result on the UI thread, unless a newer read of the slot was
     * asked for, the database was switched, or the view closed meanwhile. Call on the UI thread.
     */
    public <T> Job run(String slot, String name, Read<T> read, Consumer<T> show) {
        Job before = current.remove(slot);
        if (before != null) {
            before.cancel();
        }
        long database = WorkbenchData.get().generation();
        Display display = Display.getCurrent();
        Job[] self = new Job[1];
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                try {
                    T value = read.read(monitor);
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    display.asyncExec(() -> {
                        if (isLatest(slot, self[0], database)) {
                            current.remove(slot);
                            show.accept(value);
                            listener.changed(slot, State.DONE, name);
                        }
                    });
                    return Status.OK_STATUS;
                } catch (org.eclipse.core.runtime.OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception | LinkageError e) {
                    if (monitor.isCanceled() || WorkbenchData.get().generation() != database) {
                        return Status.CANCEL_STATUS; // a read of a database closed under it: superseded, not failed
                    }
                    IStatus error = PrismUI.error(name + " failed", e);
                    org.eclipse.core.runtime.ILog.of(ViewJobs.class).log(error);
                    display.asyncExec(() -> {
                        if (isLatest(slot, self[0], database)) {
                            current.remove(slot);
                            listener.changed(slot, State.FAILED, String.valueOf(e.getMessage() == null ? e : e.getMessage()));
                        }
                    });
                    return Status.OK_STATUS; // shown in the view itself, not in a dialog over the workbench
                } finally {
                    monitor.done();
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == ViewJobs.this;
            }
        };
        self[0] = job;
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult() != null && event.getResult().getSeverity() == IStatus.CANCEL) {
                    display.asyncExec(() -> {
                        if (current.get(slot) == job) { // cancelled by the user, not replaced by a newer read
                            current.remove(slot);
                            listener.changed(slot, State.CANCELLED, name);
                        }
                    });
                }
            }
        });
        current.put(slot, job);
        listener.changed(slot, State.RUNNING, name);
        IWorkbenchSiteProgressService progress = part.getSite() == null ? null
                : part.getSite().getService(IWorkbenchSiteProgressService.class);
        if (progress != null) {
            progress.schedule(job, 0, true); // the view shows itself busy while it runs
        } else {
            job.schedule();
        }
        return job;
    }

    private boolean isLatest(String slot, Job job, long database) {
        return !disposed && current.get(slot) == job && WorkbenchData.get().generation() == database;
    }

    /** Whether a read of the slot is under way. */
    public boolean isBusy(String slot) {
        return current.containsKey(slot);
    }

    /** The read under way in the slot, or null. */
    public Job job(String slot) {
        return current.get(slot);
    }

    /** Cancels every read (the view closes). */
    public void dispose() {
        disposed = true;
        current.values().forEach(Job::cancel);
        current.clear();
    }
}
