package prism.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * An {@code IProgressMonitor} that draws one progress line on standard error: redrawn in place on a
 * terminal, a plain line every few seconds otherwise (cron logs stay short).
 */
public final class ProgressLine extends NullProgressMonitor {

    private final PrintStream err;
    private final String step;
    private final boolean tty = System.console() != null;
    private final long started = System.nanoTime();
    private long lastDraw;
    private double total;
    private double done;
    private String task = "";
    private String subTask = "";
    private boolean drawn;

    public ProgressLine(PrintStream err, String step) {
        this.err = err;
        this.step = step;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        if (total == 0) {
            task = name == null ? "" : name;
            total = totalWork;
        }
    }

    @Override
    public void internalWorked(double work) {
        done += work;
        draw(false);
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public void subTask(String name) {
        subTask = name == null ? "" : name;
        draw(false);
    }

    @Override
    public void setTaskName(String name) {
        task = name == null ? "" : name;
    }

    @Override
    public void done() {
        draw(true);
        if (tty && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private void draw(boolean last) {
        long now = System.nanoTime();
        long interval = tty ? 200_000_000L : 5_000_000_000L;
        if (!last && (now - lastDraw < interval || now - started < 1_000_000_000L)) {
            return; // nothing for the first second: short steps draw no line
        }
        if (last && !drawn && now - started < interval) {
            return; // a short step needs no line
        }
        lastDraw = now;
        String pct = total > 0 ? String.format(Locale.ROOT, "%3.0f%% ", Math.min(100, 100 * done / total)) : "";
        String text = String.format(Locale.ROOT, "[%s] %s%s%s (%.0f s)", step, pct, task,
                subTask.isEmpty() ? "" : ": " + subTask, (now - started) / 1e9);
        if (tty) {
            err.print("\r\033[K" + text);
        } else {
            err.println(text);
        }
        err.flush();
        drawn = true;
    }
}
