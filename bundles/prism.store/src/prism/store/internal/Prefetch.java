package prism.store.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an iterator (a CSV parser, a run's rows) on its own thread, a few thousand rows ahead of the
 * reader: Derby stores rows on one thread while the next ones are parsed on the other core. A
 * failure of the iterator (a bad value, a cancel) reaches the reader as the same exception, at the
 * row where it happened.
 */
final class Prefetch implements Iterator<Object[]>, AutoCloseable {

    private static final int BATCH = 2048;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
    private final Thread producer;
    private List<Object[]> batch = List.of();
    private int at;
    private boolean done;
    private volatile boolean closed;

    Prefetch(Iterator<Object[]> rows, String name) {
        producer = new Thread(() -> {
            try {
                List<Object[]> b = new ArrayList<>(BATCH);
                while (!closed && rows.hasNext()) {
                    b.add(rows.next());
                    if (b.size() == BATCH) {
                        put(b);
                        b = new ArrayList<>(BATCH);
                    }
                }
                put(b);
                put(END);
            } catch (InterruptedException e) {
                // the reader stopped early
            } catch (RuntimeException | Error e) {
                try {
                    put(e);
                } catch (InterruptedException ignored) {
                    // the reader stopped early
                }
            }
        }, name);
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public boolean hasNext() {
        while (!done && at == batch.size()) {
            Object next;
            try {
                next = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (!producer.isAlive() && queue.isEmpty()) { // it died in a way that left no word (no memory for one)
                        done = true;
                        throw new IllegalStateException("the thread reading ahead (" + producer.getName() + ") ended unexpectedly");
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.eclipse.core.runtime.OperationCanceledException();
            }
            if (next == END) {
                done = true;
            } else if (next instanceof RuntimeException e) {
                done = true;
                throw e;
            } else if (next instanceof Error e) {
                done = true;
                throw e;
            } else {
                @SuppressWarnings("unchecked")
                List<Object[]> b = (List<Object[]>) next;
                batch = b;
                at = 0;
            }
        }
        return at < batch.size();
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(at++);
    }

    /**
     * Hands a batch to the reader, giving up once the reader has closed: an interrupt alone may be
     * swallowed by the source (channels and drivers clear it), and a put that waits for no reader would
     * wait for ever.
     */
    private void put(Object o) throws InterruptedException {
        do {
            if (closed) {
                throw new InterruptedException("the reader closed");
            }
        } while (!queue.offer(o, 100, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Stops the producer and waits for it, so that nothing reads the source after the statement ends. */
    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        queue.clear();
        try {
            producer.join(60_000); // a source stuck in a read of its own: left to end as a daemon
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
