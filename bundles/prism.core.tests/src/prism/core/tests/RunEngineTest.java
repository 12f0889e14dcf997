package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.run.InstalledScheme;
import prism.core.run.RunEngine;
import prism.core.run.RunResult;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Explanation;
import prism.core.scheme.Population;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Settings;

/**
 * The engine applies every scheme to each customer in parallel chunks: each scheme's results must still
 * line up with the customers, and one scheme failing part-way must leave the others whole.
 */
class RunEngineTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /** A scheme classing customers by the parity of their number, or throwing at one customer. */
    private record Parity(String id, String failAt) implements ClassificationScheme {
        @Override public String name() { return id; }
        @Override public String description() { return id; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("even", "Even", "#000000", "", ""), new SchemeClass("odd", "Odd", "#ffffff", "", ""));
        }

        @Override
        public Assignment classify(Facts f, Population population, Settings settings) {
            if (f.customer().id().equals(failAt)) {
                throw new IllegalStateException("no rule for " + failAt);
            }
            int k = Integer.parseInt(f.customer().id().substring(1));
            return new Assignment(k % 2 == 0 ? "even" : "odd", (double) k, Explanation.of("k mod 2 = " + k % 2, "k", k));
        }
    }

    private static List<Facts> customers(int n) {
        List<Facts> facts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            facts.add(new FactsBuilder(Customer.of(String.format("C%05d", k)), AS_OF).build());
        }
        return facts;
    }

    private static RunEngine.SchemeSpec spec(ClassificationScheme s) {
        return new RunEngine.SchemeSpec(new InstalledScheme(s, "test.bundle", "1"), Settings.defaults(s));
    }

    @Test
    void everySchemesResultsLineUpWithTheCustomersAndAFailingSchemeLeavesTheOthersWhole() {
        int n = 20_000; // many chunks
        List<Facts> facts = customers(n);
        RunResult r = RunEngine.classify(facts, List.of(spec(new Parity("test.a", null)), spec(new Parity("test.broken", "C12345")),
                spec(new Parity("test.b", null))), AS_OF, new NullProgressMonitor());
        assertEquals(1, r.failures().size());
        assertEquals("test.broken", r.failures().get(0).schemeId());
        assertEquals("C12345", r.failures().get(0).customerId());
        assertEquals(List.of("test.a", "test.b"), r.schemes().stream().map(RunResult.SchemeResult::schemeId).toList());
        for (RunResult.SchemeResult s : r.schemes()) {
            assertEquals(n, s.classIds().length);
            assertEquals(n, s.explanations().size());
            for (int i = 0; i < n; i++) {
                assertEquals(String.format("C%05d", i), r.customerIds().get(i));
                assertEquals(i % 2 == 0 ? "even" : "odd", s.classIds()[i], s.schemeId() + " at " + i);
                assertEquals(i, s.scores()[i]);
                assertEquals("k mod 2 = " + i % 2 + " [k=" + i + "]", s.explanations().get(i));
            }
        }
    }

    @Test
    void aCanceledRunStops() {
        NullProgressMonitor canceled = new NullProgressMonitor();
        canceled.setCanceled(true);
        assertThrows(OperationCanceledException.class,
                () -> RunEngine.classify(customers(5000), List.of(spec(new Parity("test.a", null))), AS_OF, canceled));
    }

    @Test
    void noCustomersGiveEmptyResults() {
        RunResult r = RunEngine.classify(List.of(), List.of(spec(new Parity("test.a", null))), AS_OF, new NullProgressMonitor());
        assertTrue(r.failures().isEmpty());
        assertEquals(0, r.schemes().get(0).classIds().length);
        assertEquals(0, r.schemes().get(0).explanations().size());
    }
}
