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

    Prefetch(Iterator<Object[]> rows, String name) {
        producer = new Thread(() -> {
            try {
                List<Object[]> b = new ArrayList<>(BATCH);
                while (rows.hasNext()) {
                    b.add(rows.next());
                    if (b.size() == BATCH) {
                        queue.put(b);
                        b = new ArrayList<>(BATCH);
                    }
                }
                queue.put(b);
                queue.put(END);
            } catch (InterruptedException e) {
                // the reader stopped early
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(e);
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
                next = queue.take();
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

    /** Stops the producer and waits for it, so that nothing reads the source after the statement ends. */
    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
