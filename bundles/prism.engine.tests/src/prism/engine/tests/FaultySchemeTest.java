package prism.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Settings;
import prism.engine.RunEngine;
import prism.engine.RunResult;

/**
 * Deliberately faulty plugins: one that throws on some customers, one that returns a class it did not
 * declare, one that hangs on a customer, one whose per-run step hangs. Each is reported (which scheme,
 * on how many customers, the first error) and the run completes for the others, whole.
 */
class FaultySchemeTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final int N = 20_000;
    /** Lets the hanging schemes' threads go once the run has given up on them. */
    private static volatile boolean release;

    @AfterEach
    void limitBack() {
        release = true;
        RunEngine.setSchemeTimeout(Duration.ofSeconds(60));
    }

    /** A scheme of two classes by the parity of the customer's number, with a fault given as a function of it. */
    private record Faulty(String id, java.util.function.IntFunction<String> fault, boolean hangInPrepare) implements ClassificationScheme {
        @Override public String name() { return id; }
        @Override public String description() { return id; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("even", "Even", "#000000", "", ""), new SchemeClass("odd", "Odd", "#ffffff", "", ""));
        }

        @Override
        public Classifier prepare(RunContext run) {
            while (hangInPrepare && !release) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
            return f -> {
                int k = Integer.parseInt(f.customer().id().substring(1));
                String what = fault.apply(k);
                if ("throw".equals(what)) {
                    throw new IllegalArgumentException("no rule for customer " + k);
                }
                if ("hang".equals(what)) {
                    while (!release) { // a busy loop: no interrupt ends it
                        Thread.onSpinWait();
                    }
                }
                String cls = "undeclared".equals(what) ? "prime" : k % 2 == 0 ? "even" : "odd";
                return new Assignment(cls, (double) k, Explanation.of("k mod 2", "k", k));
            };
        }
    }

    private static RunEngine.SchemeSpec spec(ClassificationScheme s) {
        return new RunEngine.SchemeSpec(new InstalledScheme(s, "test.faulty.bundle", "1"), Settings.defaults(s));
    }

    private static List<Facts> customers() {
        List<Facts> facts = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            facts.add(new FactsBuilder(Customer.of(String.format("C%05d", k)), AS_OF).build());
        }
        return facts;
    }

    @Test
    @Timeout(60)
    void eachFaultyPluginIsReportedAndTheOthersAreWhole() {
        release = false;
        RunEngine.setSchemeTimeout(Duration.ofMillis(700));
        long started = System.nanoTime();
        RunResult r = RunEngine.classify(customers(), List.of(
                spec(new Faulty("test.good", k -> null, false)),
                spec(new Faulty("test.sometimes", k -> k % 1000 == 7 ? "throw" : null, false)),
                spec(new Faulty("test.undeclared", k -> k == 4321 || k == 9999 ? "undeclared" : null, false)),
                spec(new Faulty("test.hangs", k -> k == 12_345 ? "hang" : null, false)),
                spec(new Faulty("test.slowstart", k -> null, true)),
                spec(new Faulty("test.good2", k -> null, false))), AS_OF, new NullProgressMonitor());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 20, "the run did not wait for the hanging schemes: " + seconds + " s");

        assertEquals(List.of("test.good", "test.good2"), r.schemes().stream().map(RunResult.SchemeResult::schemeId).toList(),
                "only the sound schemes' results are kept");
        for (RunResult.SchemeResult s : r.schemes()) {
            assertEquals(N, s.classIds().length);
            for (int i = 0; i < N; i++) {
                assertEquals(i % 2 == 0 ? "even" : "odd", s.classIds()[i], s.schemeId() + " at " + i);
                assertEquals("k mod 2 [k=" + i + "]", s.explanations().get(i), s.schemeId() + " at " + i);
            }
        }
        Map<String, RunResult.SchemeFailure> failures = new java.util.HashMap<>();
        r.failures().forEach(f -> failures.put(f.schemeId(), f));
        assertEquals(4, failures.size(), r.failures().toString());

        RunResult.SchemeFailure sometimes = failures.get("test.sometimes");
        assertEquals(20, sometimes.customers(), "every customer it failed on is counted");
        assertEquals("C00007", sometimes.customerId(), "the first by position");
        assertTrue(sometimes.describe().contains("on 20 customers, the first C00007: no rule for customer 7"), sometimes.describe());

        RunResult.SchemeFailure undeclared = failures.get("test.undeclared");
        assertEquals(2, undeclared.customers());
        assertTrue(undeclared.error().getMessage().contains("'prime', which it does not declare (it declares even, odd)"),
                undeclared.error().getMessage());

        RunResult.SchemeFailure hangs = failures.get("test.hangs");
        assertEquals("C12345", hangs.customerId());
        assertTrue(hangs.describe().contains("took longer than 700 ms and was stopped"), hangs.describe());

        RunResult.SchemeFailure slow = failures.get("test.slowstart");
        assertEquals(null, slow.customerId());
        assertTrue(slow.describe().contains("failed preparing the run: its per-run step took longer than 700 ms"), slow.describe());
        assertEquals("test.faulty.bundle", slow.bundle());
    }
}
