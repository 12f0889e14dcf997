package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import prism.store.internal.IdSet;
import prism.store.internal.IdStreams;

/** The sorted id sets the explorer holds while it walks an index in another order. */
class IdSetTest {

    /** Ids in any order, more than a batch of them, come out sorted as Java sorts strings, each once, and are found. */
    @Test
    void idsGivenInAnyOrderAreSortedAndFound() throws Exception {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) { // more than two batches of the builder
            ids.add("C" + Integer.toString(random.nextInt(1 << 30), 36) + "-" + i);
        }
        ids.addAll(List.of("", "a", "ab", "B", "\u00e4", "\u4e2d"));
        IdSet.Builder builder = new IdSet.Builder();
        ids.forEach(builder::add);
        IdSet set = builder.build();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted.size(), set.size());
        List<String> streamed = new ArrayList<>();
        try (IdStreams.IdStream s = set.stream()) {
            for (; s.head() != null; s.next()) {
                streamed.add(s.head());
            }
        }
        assertEquals(sorted, streamed);
        for (int k = 0; k < sorted.size(); k += 997) {
            assertEquals(sorted.get(k), set.get(k));
            assertTrue(set.contains(sorted.get(k)), sorted.get(k));
            assertFalse(set.contains(sorted.get(k) + "x"), sorted.get(k) + "x");
        }
        assertTrue(set.contains("") && set.contains("\u4e2d") && set.contains("a") && set.contains("ab"));
        assertFalse(set.contains("A") || set.contains("C") || set.contains("\u4e2d\u4e2d"));
    }

    @Test
    void anEmptySetHoldsNothingAndIdsOutOfOrderAreRefused() throws Exception {
        IdSet empty = new IdSet.Builder().build();
        assertEquals(0, empty.size());
        assertFalse(empty.contains(""));
        assertNull(empty.stream().head());
        assertThrows(IllegalArgumentException.class, () -> IdSet.of(IdStreams.of(List.of("b", "a"))));
        assertThrows(IllegalArgumentException.class, () -> IdSet.of(IdStreams.of(List.of("a", "a"))));
    }
}
