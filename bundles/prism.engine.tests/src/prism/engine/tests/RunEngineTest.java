package prism.engine.tests;

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
import prism.core.scheme.InstalledScheme;
import prism.engine.RunEngine;
import prism.engine.RunResult;
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

    /** A scheme of the per-run SPI: counts its prepare calls, fails in prepare when told to. */
    private static final class Prepared implements ClassificationScheme {
        final java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
        final String id;
        final boolean failInPrepare;

        Prepared(String id, boolean failInPrepare) {
            this.id = id;
            this.failInPrepare = failInPrepare;
        }

        @Override public String id() { return id; }
        @Override public String name() { return id; }
        @Override public String description() { return id; }
        @Override public List<SchemeClass> classes() { return List.of(new SchemeClass("all", "All", "#000000", "", "")); }

        @Override
        public prism.core.scheme.Classifier prepare(prism.core.scheme.RunContext run) {
            prepared.incrementAndGet();
            if (failInPrepare) {
                throw new IllegalStateException("cannot fit");
            }
            int[] seen = {0};
            run.forEachCustomer(f -> seen[0]++); // a model fitted over the population sees every customer once
            int n = seen[0];
            LocalDate asOf = run.asOf();
            return f -> Assignment.of("all", Explanation.of("one of n", "n", n, "as_of", asOf));
        }
    }

    @Test
    void eachSchemeIsPreparedOnceARunAndOneFailingToPrepareLeavesTheOthersWhole() {
        Prepared ok = new Prepared("test.ok", false), broken = new Prepared("test.unfit", true);
        RunResult r = RunEngine.classify(customers(5000), List.of(spec(ok), spec(broken)), AS_OF, new NullProgressMonitor());
        assertEquals(1, ok.prepared.get());
        assertEquals(1, broken.prepared.get());
        assertEquals(List.of("test.ok"), r.schemes().stream().map(RunResult.SchemeResult::schemeId).toList());
        assertEquals("one of n [n=5000, as_of=2026-06-30]", r.schemes().get(0).explanations().get(4999));
        assertEquals("test.unfit", r.failures().get(0).schemeId());
        assertEquals(null, r.failures().get(0).customerId(), "it failed before any customer");
        RunEngine.classify(customers(10), List.of(spec(ok)), AS_OF, new NullProgressMonitor());
        assertEquals(2, ok.prepared.get(), "a new run, a new preparation");
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

    /** A scheme of the customer's own facts alone, counting its calls. */
    private static final class OwnFacts implements ClassificationScheme {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override public String id() { return "test.own"; }
        @Override public String name() { return "Own"; }
        @Override public String description() { return "Own"; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("buyer", "Buyer", "#000000", "", ""), new SchemeClass("none", "None", "#ffffff", "", ""));
        }
        @Override public List<prism.core.scheme.Setting> settings() {
            return List.of(prism.core.scheme.Setting.integer("min", "Minimum", 1, "orders at least"));
        }
        @Override public boolean usesPopulation() { return false; }

        @Override
        public Assignment classify(Facts f, Population population, Settings settings) {
            calls.incrementAndGet();
            boolean buyer = f.orders() >= settings.integer("min");
            return new Assignment(buyer ? "buyer" : "none", f.revenue(), Explanation.of(buyer ? "orders ≥ min" : "orders < min",
                    "orders", f.orders(), "revenue", f.revenue()));
        }
    }

    private static Facts withOrders(String id, int orders) {
        FactsBuilder b = new FactsBuilder(Customer.of(id), AS_OF);
        for (int k = 0; k < orders; k++) {
            b.order((int) AS_OF.toEpochDay() - 3 * k, 10.5 + k, 0, false, false, Double.NaN);
        }
        return b.build();
    }

    /**
     * After an import, a run in the same process takes the last run's results for customers whose facts are
     * the same objects, for schemes that rank no one: it must give exactly what classifying everyone gives.
     */
    @Test
    void aRunAfterAnImportClassifiesOnlyTheChangedCustomersWithSchemesThatRankNoOne() {
        List<Facts> before = new ArrayList<>();
        for (int k = 0; k < 5_000; k++) {
            before.add(withOrders(String.format("C%05d", 2 * k), k % 4));
        }
        OwnFacts own = new OwnFacts();
        Parity ranked = new Parity("test.ranked", null); // uses the population, as far as the engine knows
        List<RunEngine.SchemeSpec> specs = List.of(spec(own), spec(ranked));
        prism.engine.ClassificationService service = new prism.engine.ClassificationService(); // one per process
        service.classify(before, specs, AS_OF, new NullProgressMonitor());
        assertEquals(5_000, own.calls.get());

        // An import: 100 customers changed, 10 new ones between and after the others, 5 gone.
        List<Facts> after = new ArrayList<>(before);
        for (int k = 0; k < 100; k++) {
            int i = 37 * k + 11;
            after.set(i, withOrders(after.get(i).customer().id(), 5));
        }
        for (int k = 0; k < 5; k++) {
            after.remove(1_000 * k + 500);
        }
        for (int k = 0; k < 10; k++) {
            String id = String.format("C%05d", k < 9 ? 1_000 * k + 1 : 99_999); // odd: not among the others
            int at = 0;
            while (at < after.size() && after.get(at).customer().id().compareTo(id) < 0) {
                at++;
            }
            after.add(at, withOrders(id, 2));
        }
        own.calls.set(0);
        RunResult stateless = RunEngine.classify(after, specs, AS_OF, new NullProgressMonitor());
        assertEquals(after.size(), own.calls.get(), "the engine's functions keep nothing between calls");
        own.calls.set(0);
        RunResult incremental = service.classify(after, specs, AS_OF, new NullProgressMonitor());
        assertEquals(110, own.calls.get(), "only the changed and the new customers classified again");

        OwnFacts fresh = new OwnFacts(); // another scheme object: nothing to take from the last run
        RunResult full = service.classify(after, List.of(spec(fresh), spec(new Parity("test.ranked", null))), AS_OF,
                new NullProgressMonitor());
        assertEquals(after.size(), fresh.calls.get());
        assertEquals(full.customerIds(), incremental.customerIds());
        for (int s = 0; s < 2; s++) {
            RunResult.SchemeResult a = incremental.schemes().get(s), b = full.schemes().get(s);
            assertEquals(java.util.Arrays.asList(b.classIds()), java.util.Arrays.asList(a.classIds()), a.schemeId());
            org.junit.jupiter.api.Assertions.assertArrayEquals(b.scores(), a.scores(), a.schemeId());
            assertEquals(List.copyOf(b.explanations()), List.copyOf(a.explanations()), a.schemeId());
            assertEquals(java.util.Arrays.asList(stateless.schemes().get(s).classIds()), java.util.Arrays.asList(a.classIds()));
        }

        // Other settings: everyone again.
        fresh.calls.set(0);
        service.classify(after, List.of(new RunEngine.SchemeSpec(new InstalledScheme(fresh, "test.bundle", "1"),
                Settings.of(fresh, java.util.Map.of("min", "2")))), AS_OF, new NullProgressMonitor());
        assertEquals(after.size(), fresh.calls.get());
    }
}
