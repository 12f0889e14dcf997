package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.write;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.core.scheme.InstalledScheme;
import prism.engine.RunEngine;
import prism.engine.RunResult;
import prism.sample.SampleGenerator;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Explanation;
import prism.core.scheme.Population;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Settings;
import prism.store.ExplorerQuery;
import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;
import prism.store.StoreQueries;

/**
 * The store on a real PostgreSQL server, as IT deploys it (DESIGN.md: "PostgreSQL by configuration"): an
 * import all or nothing, runs stored and read back through export, history and the explorer exactly as
 * computed. CI starts a server and names it in PRISM_TEST_JDBC and PRISM_TEST_USER (the password in
 * PRISM_DB_PASSWORD, as the command line takes it); without them these tests are skipped.
 */
class ServerStoreTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /** Revenue tiers with a non-ASCII rule, so that explanations go through the server's bytes and back. */
    static final ClassificationScheme SPEND = new ClassificationScheme() {
        @Override public String id() { return "test.spend"; }
        @Override public String name() { return "Spend"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("big", "Big", "#00ff00", "", ""), new SchemeClass("small", "Small", "#ff0000", "", ""),
                    new SchemeClass("zero", "Zero", "#cccccc", "", ""));
        }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            String c = f.revenue() >= 1000 ? "big" : f.revenue() > 0 ? "small" : "zero";
            return new Assignment(c, f.revenue(), Explanation.of(c.equals("big") ? "revenue ≥ 1 000 €" : "revenue < 1 000 €",
                    "revenue", f.revenue(), "orders", f.orders()));
        }
    };

    private static StoreConfig server() {
        String url = System.getenv("PRISM_TEST_JDBC");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no PostgreSQL server named in PRISM_TEST_JDBC");
        return StoreConfig.server(url, System.getenv("PRISM_TEST_USER"), System.getenv("PRISM_DB_PASSWORD"));
    }

    /** Every test starts from an empty database: the schema dropped, then made again by the store. */
    @BeforeEach
    void emptyDatabase() {
        try (PrismStore store = PrismStore.open(server())) {
            var em = store.entityManagerFactory().createEntityManager();
            em.getTransaction().begin();
            em.createNativeQuery("DROP SCHEMA public CASCADE").executeUpdate();
            em.createNativeQuery("CREATE SCHEMA public").executeUpdate();
            em.getTransaction().commit();
            em.close();
        }
    }

    /** Rule schemes on the server: each save a version, the text kept exactly (long, non-ASCII), removal kept apart. */
    @Test
    void ruleSchemesAreVersionedOnTheServer() {
        StringBuilder big = new StringBuilder("{\"id\": \"rules.big\", \"name\": \"Kunden – Größe ✓\", \"classes\": [");
        for (int i = 0; i < 2000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"id\": \"c").append(i).append("\", \"when\": \"orders >= ").append(i).append("\"}");
        }
        String v1 = big + "]}", v2 = big + ", {\"id\": \"last\", \"when\": \"true\"}]}";
        assertTrue(v1.length() > 60_000, "longer than a VARCHAR would hold");
        try (PrismStore store = PrismStore.open(server())) {
            var docs = store.ruleDocuments();
            assertEquals(1, docs.save("rules.big", v1).version());
            assertEquals(2, docs.save("rules.big", v2).version());
            assertEquals(1, docs.save("rules.small", "{}").version());
            assertTrue(docs.remove("rules.small"));
        }
        try (PrismStore store = PrismStore.open(server())) { // read back by another connection
            var docs = store.ruleDocuments();
            assertEquals(java.util.List.of("rules.big"), docs.latest().stream().map(d -> d.id()).toList(), "a removed scheme is not listed");
            assertEquals(2, docs.latest("rules.big").orElseThrow().version());
            assertEquals(v2, docs.latest("rules.big").orElseThrow().document());
            assertEquals(v1, docs.versions("rules.big").get(0).document(), "the version a past run used stays as it was");
            assertEquals(1, docs.versions("rules.small").size(), "removed, its versions kept");
            assertEquals(2, docs.save("rules.small", "{ }").version(), "saved again, it is back with the next version");
        }
    }

    @Test
    void runsAreStoredAndReadBackExactlyOnTheServer(@TempDir Path tmp) throws Exception {
        NullProgressMonitor m = new NullProgressMonitor();
        SampleGenerator.Summary sample = new SampleGenerator(5, 300, AS_OF).write(tmp.resolve("data"), m);
        try (PrismStore store = PrismStore.open(server())) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"),
                    tmp.resolve("data/interactions.csv")), m);
            assertEquals(300, store.countCustomers());
            assertEquals(sample.orders(), store.countOrders());
            var specs = List.of(new RunEngine.SchemeSpec(new InstalledScheme(SPEND, "t", "1"), Settings.defaults(SPEND)),
                    new RunEngine.SchemeSpec(new InstalledScheme(RunStoreTest.BUYER, "t", "1"), Settings.defaults(RunStoreTest.BUYER)));
            RunResult result = RunEngine.classify(store.facts(AS_OF, false, m).facts(), specs, AS_OF, m);
            int run = store.saveRun(result, m);
            assertEquals(run, store.saveRun(result, m) - 1, "a second run of the same result");

            // The export is the result, row for row, whichever of the two runs.
            Map<String, String[]> expected = new HashMap<>();
            for (RunResult.SchemeResult r : result.schemes()) {
                for (int i = 0; i < result.customerIds().size(); i++) {
                    expected.put(result.customerIds().get(i) + "|" + r.schemeId(),
                            new String[] {r.classIds()[i], r.explanations().get(i)});
                }
            }
            for (int n : new int[] {run, run + 1}) {
                StringWriter w = new StringWriter();
                assertEquals(600, store.export(n, List.of(), w));
                List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(new java.io.StringReader(w.toString())).getRecords();
                assertEquals(600, rows.size());
                for (CSVRecord r : rows) {
                    String[] e = expected.get(r.get("customer_id") + "|" + r.get("scheme"));
                    assertEquals(e[0], r.get("class"), r.toString());
                    assertEquals(e[1], r.get("explanation"), r.toString());
                }
            }
            // The cross-tab of the two schemes and the migration between the two runs, joined by the server.
            Map<java.util.List<String>, Integer> pairs = store.queries().pairCounts(run, SPEND.id(), run + 1, RunStoreTest.BUYER.id());
            assertEquals(300, pairs.values().stream().mapToInt(Integer::intValue).sum(), "every customer once");
            Map<java.util.List<String>, Integer> byHand = new HashMap<>();
            for (int i = 0; i < result.customerIds().size(); i++) {
                byHand.merge(List.of(result.schemes().get(0).classIds()[i], result.schemes().get(1).classIds()[i]), 1, Integer::sum);
            }
            assertEquals(byHand, pairs);
            // Saved explorer views live on the server too, for everyone who opens it.
            store.saveView(new prism.store.SavedView("Big spenders", "", Map.of(SPEND.id(), java.util.Set.of("big")), "name", false, null));
            assertEquals(Map.of(SPEND.id(), java.util.Set.of("big")), store.savedViews().get(0).classFilter());
            String big = result.customerIds().get(java.util.Arrays.asList(result.schemes().get(0).classIds()).indexOf("big"));
            List<StoreQueries.Assignment> history = store.queries().assignments(big);
            assertEquals(4, history.size(), "two schemes in two runs");
            assertTrue(history.stream().anyMatch(a -> a.explanation().startsWith("revenue ≥ 1 000 € [revenue=")), history.toString());

            // Sorted by class both ways, with a customer imported after the run (no class: last going up).
            store.importFiles(new ImportRequest(write(tmp, "late.csv", "id,name\nC9999999,Late Comer\n"), null, null, null), m);
            List<String[]> order = new ArrayList<>();
            for (int i = 0; i < result.customerIds().size(); i++) {
                order.add(new String[] {result.schemes().get(0).classIds()[i], result.customerIds().get(i)});
            }
            order.add(new String[] {null, "C9999999"});
            order.sort(Comparator.<String[], String>comparing(x -> x[0], Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(x -> x[1]));
            for (boolean up : new boolean[] {true, false}) {
                ExplorerQuery q = new ExplorerQuery(run, List.of("test.spend", "test.buyer"), null, Map.of(), "scheme:test.spend", up);
                assertEquals(301, store.queries().count(q));
                List<String> ids = new ArrayList<>();
                for (int offset = 0; offset < 301; offset += 50) {
                    store.queries().page(q, offset, 50).forEach(r -> ids.add(r.id()));
                }
                List<String> want = new ArrayList<>(order.stream().map(x -> x[1]).toList());
                if (!up) {
                    java.util.Collections.reverse(want);
                }
                assertEquals(want, ids, up ? "class up, then id" : "class down, then id down");
            }
            ExplorerQuery onlyBig = new ExplorerQuery(run, List.of("test.spend"), null, Map.of("test.spend", Set.of("big")), "id", true);
            assertEquals(order.stream().filter(x -> "big".equals(x[0])).count(), store.queries().count(onlyBig));
        }
    }

    @Test
    void aBadImportLeavesTheServerAsItWas(@TempDir Path tmp) throws Exception {
        NullProgressMonitor m = new NullProgressMonitor();
        try (PrismStore store = PrismStore.open(server())) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), write(tmp, "o.csv", ImportTest.ORDERS), null), m);
            long seq = store.importSeq();
            Path bad = write(tmp, "bad.csv", "id,customer_id,date,amount\nO7,C2,2024-01-01,5\nO8,C2,2024-01-02,twelve\n");
            ImportException e = assertThrows(ImportException.class, () -> store.importFiles(new ImportRequest(null, bad, null, null), m));
            assertTrue(e.getMessage().contains("bad.csv:3:4"), e.getMessage());
            assertEquals(3, store.countOrders(), "the good row before the bad one was not kept either");
            assertEquals(seq, store.importSeq());
        }
    }
}
