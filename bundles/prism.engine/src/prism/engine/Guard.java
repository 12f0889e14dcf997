package prism.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Runs a run's work on threads of its own and stops waiting for a scheme stuck past the time limit: a
 * plugin that loops forever on one customer costs the run that scheme, not the run. A stuck thread cannot
 * be killed; it is left behind (a daemon, interrupted), its chunk is done again by another thread without
 * the scheme, and the pool grows by one to keep its number of working threads.
 */
final class Guard implements AutoCloseable {

    /** What a chunk's work tells the guard: the customer and scheme it is on, and whether it was given up. */
    interface Task {
        /** Starting on customer {@code i}: the time limit runs from here. */
        void customer(int i);

        /** Applying scheme {@code k} to the current customer (a plain write: the watchdog only reads it late). */
        void scheme(int k);

        /** The chunk's customers are done. */
        void idle();

        /** Whether the guard stopped waiting for this task: it must write nothing more. */
        boolean abandoned();
    }

    interface ChunkWork {
        void run(int chunk, Task task);
    }

    interface Stuck {
        void on(int scheme, int customer);
    }

    private final Duration limit;
    private final long limitNanos;
    private final ThreadPoolExecutor pool;

    Guard(Duration limit) {
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        int threads = Runtime.getRuntime().availableProcessors();
        pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "Prism classify");
            t.setDaemon(true); // a stuck plugin's thread never keeps the process alive
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    String limitText() {
        long s = limit.toSeconds();
        return s >= 1 && limit.toMillis() % 1000 == 0 ? s + " s" : limit.toMillis() + " ms";
    }

    /** Calls {@code c} on a thread of the pool and waits for it at most the time limit. */
    <T> T call(Callable<T> c) throws TimeoutException {
        Future<T> f = pool.submit(c);
        try {
            return f.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            grow();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }

    /** One more thread, for one left behind. */
    private synchronized void grow() {
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
        pool.setCorePoolSize(pool.getCorePoolSize() + 1);
    }

    private final class Run implements Task, Runnable {
        final int chunk;
        final ChunkWork work;
        volatile long since; // when the current customer was started, 0 between customers
        int scheme = -1;
        int customer = -1;
        volatile boolean abandoned;
        volatile Thread thread;
        Throwable error;

        Run(int chunk, ChunkWork work) {
            this.chunk = chunk;
            this.work = work;
        }

        @Override
        public void customer(int i) {
            customer = i;
            since = System.nanoTime();
        }

        @Override
        public void scheme(int k) {
            scheme = k;
        }

        @Override
        public void idle() {
            since = 0;
        }

        @Override
        public boolean abandoned() {
            return abandoned;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                work.run(chunk, this);
            } catch (Throwable t) { // handed to the run's thread, which rethrows it
                error = t;
            } finally {
                since = 0;
                finished.add(this);
            }
        }
    }

    private final LinkedBlockingQueue<Run> finished = new LinkedBlockingQueue<>();

    /**
     * Runs {@code work} for each chunk on the pool and waits for all of them; a task stuck on one customer
     * longer than the limit is given up: {@code stuck} is told (scheme, customer), then the chunk is run again.
     */
    void runChunks(int chunks, ChunkWork work, Stuck stuck) {
        List<Run> live = new ArrayList<>();
        for (int ch = 0; ch < chunks; ch++) {
            Run r = new Run(ch, work);
            live.add(r);
            pool.execute(r);
        }
        int remaining = chunks;
        Throwable error = null;
        try {
            while (remaining > 0) {
                Run done = finished.poll(Math.max(1, Math.min(200, limitNanos / 4_000_000)), TimeUnit.MILLISECONDS);
                if (done != null) {
                    if (!done.abandoned) {
                        live.remove(done);
                        remaining--;
                        if (done.error != null && error == null) {
                            error = done.error;
                        }
                    }
                    continue;
                }
                long now = System.nanoTime();
                for (Run r : new ArrayList<>(live)) {
                    long t = r.since;
                    if (t != 0 && now - t > limitNanos && !r.abandoned) {
                        r.abandoned = true;
                        live.remove(r);
                        stuck.on(r.scheme, r.customer);
                        Thread th = r.thread;
                        if (th != null) {
                            th.interrupt(); // ends a sleep or a wait; a busy loop it cannot end
                        }
                        grow();
                        Run again = new Run(r.chunk, work);
                        live.add(again);
                        pool.execute(again);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error er) {
            throw er;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    @Override
    public void close() {
        pool.shutdown(); // idle threads end; a stuck one stays behind as a daemon
    }
}
