package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.write;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.core.run.InstalledScheme;
import prism.core.run.RunEngine;
import prism.core.run.RunResult;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Explanation;
import prism.core.scheme.Population;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Settings;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.RunInfo;
import prism.store.StoreConfig;

/** Runs stored and read back on Derby: run metadata, assignments, export. */
class RunStoreTest {

    /** Buyers versus the rest, with the order count as score; and a scheme that always fails. */
    static final ClassificationScheme BUYER = new ClassificationScheme() {
        @Override public String id() { return "test.buyer"; }
        @Override public String name() { return "Buyer"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("yes", "Yes", "#00ff00", "", ""), new SchemeClass("no", "No", "#ff0000", "", ""));
        }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            return new Assignment(f.hasOrders() ? "yes" : "no", (double) f.orders(),
                    Explanation.of("orders ≥ 1", "orders", f.orders(), "note", "a, \"quoted\" value"));
        }
    };
    static final ClassificationScheme BROKEN = new ClassificationScheme() {
        @Override public String id() { return "test.broken"; }
        @Override public String name() { return "Broken"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() { return List.of(); }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            throw new IllegalStateException("bug in a plugin");
        }
    };

    @Test
    void aRunIsStoredListedAndExported(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), write(tmp, "o.csv", ImportTest.ORDERS),
                    null), new NullProgressMonitor());
            LocalDate asOf = LocalDate.of(2024, 6, 15);
            RunResult result = RunEngine.run(store.source(), List.of(
                    new RunEngine.SchemeSpec(new InstalledScheme(BUYER, "test.bundle", "1.2.3"), Settings.defaults(BUYER)),
                    new RunEngine.SchemeSpec(new InstalledScheme(BROKEN, "broken.bundle", "0.1"), Settings.defaults(BROKEN))),
                    asOf, new NullProgressMonitor());
            assertEquals(1, result.failures().size(), "the broken scheme is reported");
            assertEquals("test.broken", result.failures().get(0).schemeId());
            assertEquals(1, result.schemes().size(), "the other scheme is kept");

            int n = store.saveRun(result, new NullProgressMonitor());
            assertEquals(1, n);
            assertEquals(2, store.saveRun(result, new NullProgressMonitor()));
            List<RunInfo> runs = store.runs();
            assertEquals(2, runs.size());
            RunInfo r = runs.get(0);
            assertEquals(asOf, r.asOf());
            assertEquals(3, r.customers());
            RunInfo.SchemeInfo s = r.schemes().get(0);
            assertEquals("test.buyer", s.schemeId());
            assertEquals("test.bundle", s.bundle());
            assertEquals(Map.of("yes", 1, "no", 2), s.counts(), "C2's only order is dated after the as-of date");

            StringWriter w = new StringWriter();
            long rows = store.export(1, List.of(), w);
            assertEquals(3, rows);
            String[] lines = w.toString().split("\n");
            assertEquals("customer_id,scheme,class,score,explanation", lines[0]);
            assertEquals("007,test.buyer,yes,1,\"orders ≥ 1 [orders=1, note=a, \"\"quoted\"\" value]\"", lines[1]);
            assertTrue(lines[2].startsWith("C2,test.buyer,no,0,"), lines[2]);
            assertEquals(Map.of("007", "yes", "C2", "no", "C3", "no"), store.classes(2, "test.buyer"));
        }
    }

    @Test
    void theDatabaseSurvivesAReopen(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("db");
        try (PrismStore store = PrismStore.open(StoreConfig.derby(db))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), null, null), new NullProgressMonitor());
        }
        try (PrismStore store = PrismStore.open(StoreConfig.derby(db))) {
            assertEquals(3, store.countCustomers());
        }
    }
}
