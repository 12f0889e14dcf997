package prism.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Iterator;

import org.junit.jupiter.api.Test;

/** The thread that reads ahead never keeps its reader waiting for ever (issue 23, item 4). */
class PrefetchTest {

    /** An endless source that swallows interrupts, as channels and drivers may. */
    static Iterator<Object[]> deafSource() {
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object[] next() {
                try {
                    Thread.sleep(1); // a slow read, during which the interrupt comes and is lost
                } catch (InterruptedException swallowed) {
                    // as a channel or a driver may
                }
                return new Object[] {n++};
            }
        };
    }

    @Test
    void aReaderThatStopsEarlyIsNotHeldByASourceThatSwallowsInterrupts() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Prefetch p = new Prefetch(deafSource(), "test prefetch");
            for (int i = 0; i < 10; i++) {
                assertEquals((long) i, p.next()[0]);
            }
            p.close();
        });
    }

    @Test
    void anErrorOfTheProducerReachesTheReader() {
        Iterator<Object[]> dying = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new StackOverflowError(); // an Error the producer passes on
            }

            @Override
            public Object[] next() {
                return null;
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Prefetch p = new Prefetch(dying, "test prefetch")) {
                assertThrows(StackOverflowError.class, p::hasNext);
            }
        });
    }
}
