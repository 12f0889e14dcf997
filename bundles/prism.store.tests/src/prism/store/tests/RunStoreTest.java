package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.write;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.core.scheme.InstalledScheme;
import prism.engine.RunEngine;
import prism.engine.RunResult;
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
import prism.store.StoreQueries;

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

    /** Orders count as score, the count in the explanation, and the country as a second scheme. */
    static final ClassificationScheme COUNTRY = new ClassificationScheme() {
        @Override public String id() { return "test.country"; }
        @Override public String name() { return "Country"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() {
            return List.of(new SchemeClass("de", "DE", "#00ff00", "", ""), new SchemeClass("other", "Other", "#ff0000", "", ""));
        }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            return Assignment.of("DE".equals(f.customer().country()) ? "de" : "other", Explanation.of("country", "country", f.customer().country()));
        }
    };

    @Test
    void aRunThatChangesFewRowsStoresOnlyThoseAndReadsLikeAFullOne(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(5, 600, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        List<RunEngine.SchemeSpec> specs = List.of(
                new RunEngine.SchemeSpec(new InstalledScheme(BUYER, "b", "1"), Settings.defaults(BUYER)),
                new RunEngine.SchemeSpec(new InstalledScheme(COUNTRY, "b", "1"), Settings.defaults(COUNTRY)));
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"), null),
                    new NullProgressMonitor());
            assertEquals(1, store.saveRun(RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor()), new NullProgressMonitor()));
            // Three customers buy once more, one of them a new customer who is also in Germany.
            store.importFiles(ImportRequest.of(write(tmp, "c2.csv", "id,name,country\nNEW1,New one,DE\n"),
                    write(tmp, "o2.csv", "id,customer_id,date,amount\nX1,C0000100,2026-06-01,10\nX2,C0000200,2026-06-01,10\n"
                            + "X3,NEW1,2026-06-02,5\n"), null), new NullProgressMonitor());
            RunResult second = RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor());
            assertEquals(2, store.saveRun(second, new NullProgressMonitor()));
            RunInfo.SchemeInfo buyer = store.run(2).orElseThrow().schemes().get(0);
            RunInfo.SchemeInfo country = store.run(2).orElseThrow().schemes().get(1);
            assertEquals(3, buyer.stored(), "the three customers whose order count changed");
            assertEquals(1, buyer.baseRun());
            assertEquals(1, country.stored(), "only the new customer");
            // The same result stored in full, as without a results cache, must read exactly alike.
            java.nio.file.Files.delete(store.resultsCacheFile().orElseThrow());
            assertEquals(3, store.saveRun(second, new NullProgressMonitor()));
            assertEquals(601, store.run(3).orElseThrow().schemes().get(0).stored());
            assertEquals(null, store.run(3).orElseThrow().schemes().get(0).baseRun());

            StringWriter delta = new StringWriter();
            StringWriter full = new StringWriter();
            assertEquals(1202, store.export(2, List.of(), delta));
            store.export(3, List.of(), full);
            assertEquals(full.toString(), delta.toString());
            assertTrue(delta.toString().contains("NEW1,test.country,de,,country [country=DE]"));
            var q = store.queries();
            for (String scheme : List.of("test.buyer", "test.country")) {
                assertEquals(store.classes(3, scheme), store.classes(2, scheme));
                assertEquals(q.classStats(3, scheme).keySet(), q.classStats(2, scheme).keySet());
                q.classStats(3, scheme).forEach((k, v) -> { // [customers, revenue]; SQL sums doubles in any order
                    assertEquals(v[0], q.classStats(2, scheme).get(k)[0]);
                    assertEquals(v[1], q.classStats(2, scheme).get(k)[1], 0.005);
                });
                assertEquals(q.scoreCounts(3, scheme), q.scoreCounts(2, scheme));
                assertEquals(q.classCountsBy(3, scheme, "country"), q.classCountsBy(2, scheme, "country"));
                assertEquals(q.classCountsBy(3, scheme, "kind"), q.classCountsBy(2, scheme, "kind"));
                assertEquals(q.pairCounts(3, scheme, 3, "test.buyer"), q.pairCounts(2, scheme, 2, "test.buyer"));
            }
            // No one moved between the delta run and the same run stored in full.
            q.pairCounts(2, "test.buyer", 3, "test.buyer").keySet().forEach(k -> assertEquals(k.get(0), k.get(1)));
            assertEquals(q.pairCustomers(3, "test.buyer", "yes", 3, "test.country", "de", 50).stream().map(List::of).toList(),
                    q.pairCustomers(2, "test.buyer", "yes", 2, "test.country", "de", 50).stream().map(List::of).toList());
            assertEquals(q.customersOfClasses(3, "test.country", java.util.Set.of("de"), 1000),
                    q.customersOfClasses(2, "test.country", java.util.Set.of("de"), 1000));
            var filter = Map.of("test.country", java.util.Set.of("de"));
            var d = new prism.store.ExplorerQuery(2, List.of("test.buyer", "test.country"), "", filter, "scheme:test.buyer", true);
            var f = new prism.store.ExplorerQuery(3, List.of("test.buyer", "test.country"), "", filter, "scheme:test.buyer", true);
            assertEquals(q.count(f), q.count(d));
            assertEquals(q.page(f, 0, 1000), q.page(d, 0, 1000));
            // Unfiltered, a class sort reads the run's class order: made from the changes and their base alike.
            for (boolean up : new boolean[] {true, false}) {
                var dAll = new prism.store.ExplorerQuery(2, List.of("test.buyer", "test.country"), "", Map.of(), "scheme:test.buyer", up);
                var fAll = new prism.store.ExplorerQuery(3, List.of("test.buyer", "test.country"), "", Map.of(), "scheme:test.buyer", up);
                assertEquals(q.page(fAll, 0, 1000), q.page(dAll, 0, 1000));
                assertEquals(q.page(fAll, 250, 100), q.page(dAll, 250, 100));
            }
            // A changed and an unchanged customer: their history shows run 2 as run 3.
            for (String id : List.of("C0000100", "C0000101", "NEW1")) {
                var h = q.assignments(id);
                var run2 = h.stream().filter(a -> a.run() == 2).map(a -> List.of(a.schemeId(), a.classId(), String.valueOf(a.score()), a.explanation())).toList();
                var run3 = h.stream().filter(a -> a.run() == 3).map(a -> List.of(a.schemeId(), a.classId(), String.valueOf(a.score()), a.explanation())).toList();
                assertEquals(2, run2.size(), id);
                assertEquals(run3, run2, id);
            }
            assertEquals(0, q.assignments("NEW1").stream().filter(a -> a.run() == 1).count(), "NEW1 came after run 1");
        }
    }

    @Test
    void explorerPagesAtAnyDepthAndInBothDirectionsAreTheRowsInIdOrder(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(9, 1_050, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"), null),
                    new NullProgressMonitor());
            // Customers without a name or a country, which sort after all the others going up.
            store.importFiles(new ImportRequest(write(tmp, "unnamed.csv", "id,name,country\nZ0,,\nA0,,FR\nM0,Mid,\nB0,,\n"), null, null,
                    null), new NullProgressMonitor());
            store.saveRun(RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(COUNTRY, "b", "1"),
                    Settings.defaults(COUNTRY))), asOf, new NullProgressMonitor()), new NullProgressMonitor());
            var q = store.queries();
            // All customers by name or by country, up and down, with the count known or not: as Java sorts them, nulls last.
            List<prism.store.ExplorerQuery.Row> everyone = q.page(new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(),
                    "id", true), 0, 5_000);
            for (String column : List.of("name", "country")) {
                java.util.function.Function<prism.store.ExplorerQuery.Row, String> value = column.equals("name")
                        ? prism.store.ExplorerQuery.Row::name : prism.store.ExplorerQuery.Row::country;
                List<String> up = everyone.stream().sorted(java.util.Comparator.comparing(value, java.util.Comparator.nullsLast(
                        java.util.Comparator.<String>naturalOrder())).thenComparing(prism.store.ExplorerQuery.Row::id))
                        .map(prism.store.ExplorerQuery.Row::id).toList();
                List<String> down = new java.util.ArrayList<>(up);
                java.util.Collections.reverse(down);
                int n = up.size();
                var ascending = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), column, true);
                var descending = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), column, false);
                for (int offset : new int[] {0, 1, 200, 517, n - 150, n - 3, n - 1, n, n + 2}) {
                    List<String> wantUp = up.subList(Math.min(offset, n), Math.min(offset + 100, n));
                    List<String> wantDown = down.subList(Math.min(offset, n), Math.min(offset + 100, n));
                    assertEquals(wantUp, q.page(ascending, offset, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            column + " up at " + offset);
                    assertEquals(wantDown, q.page(descending, offset, 100, n).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            column + " down at " + offset + " with the count");
                    assertEquals(wantDown, q.page(descending, offset, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            column + " down at " + offset + " without it");
                }
            }
            for (Map<String, java.util.Set<String>> filter : List.of(Map.<String, java.util.Set<String>>of(),
                    Map.of("test.country", java.util.Set.of("other")))) {
                var asc = new prism.store.ExplorerQuery(1, List.of("test.country"), "", filter, "id", true);
                var desc = new prism.store.ExplorerQuery(1, List.of("test.country"), "", filter, "id", false);
                long total = q.count(asc);
                List<String> all = q.page(asc, 0, 5_000).stream().map(prism.store.ExplorerQuery.Row::id).toList();
                assertEquals(total, all.size());
                assertEquals(all.stream().sorted().toList(), all, "ids ascending");
                List<String> reversed = new java.util.ArrayList<>(all);
                java.util.Collections.reverse(reversed);
                for (int offset : new int[] {0, 1, 199, 200, 777, (int) total - 5, (int) total, (int) total + 3}) {
                    List<String> want = all.subList(Math.min(offset, all.size()), Math.min(offset + 200, all.size()));
                    List<String> wantDesc = reversed.subList(Math.min(offset, all.size()), Math.min(offset + 200, all.size()));
                    assertEquals(want, q.page(asc, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList(), "asc at " + offset);
                    assertEquals(wantDesc, q.page(desc, offset, 200, total).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            "desc at " + offset + " with the count");
                    assertEquals(wantDesc, q.page(desc, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            "desc at " + offset + " without it");
                }
                // By name, through the index made on first use: (name, id) ascending, pages joining up.
                var byName = new prism.store.ExplorerQuery(1, List.of("test.country"), "", filter, "name", true);
                List<prism.store.ExplorerQuery.Row> named = new java.util.ArrayList<>(q.page(byName, 0, 300));
                named.addAll(q.page(byName, 300, 5_000));
                assertEquals(total, named.size());
                java.util.Comparator<prism.store.ExplorerQuery.Row> nameOrder = java.util.Comparator.comparing(
                        prism.store.ExplorerQuery.Row::name, java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder()))
                        .thenComparing(prism.store.ExplorerQuery.Row::id);
                assertEquals(named.stream().sorted(nameOrder).map(prism.store.ExplorerQuery.Row::id).toList(),
                        named.stream().map(prism.store.ExplorerQuery.Row::id).toList());
                if (!filter.isEmpty()) {
                    assertTrue(total < 1_050 && total > 0, "the filter selects some: " + total);
                    assertTrue(q.page(asc, 300, 200).stream().allMatch(r -> r.classes().get(0).equals("other")));
                }
            }
        }
    }

    /**
     * Sorting all customers by a class reads a range of the run's class order, made by one sort: the
     * pages must be those of (class, id) in either direction, and a customer imported later is not lost.
     */
    @Test
    void sortingByAClassPagesThroughTheRunsClassOrderAndSeesLaterCustomers(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleCustomersAndACountryRun(tmp, 11)) {
            var q = store.queries();
            for (int round = 0; round < 2; round++) {
                var byId = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), "id", true);
                List<prism.store.ExplorerQuery.Row> all = q.page(byId, 0, 5_000);
                java.util.Comparator<prism.store.ExplorerQuery.Row> classOrder = java.util.Comparator.comparing(
                        (prism.store.ExplorerQuery.Row r) -> r.classes().get(0), java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder()))
                        .thenComparing(prism.store.ExplorerQuery.Row::id);
                List<String> want = all.stream().sorted(classOrder).map(prism.store.ExplorerQuery.Row::id).toList();
                List<String> wantDesc = new java.util.ArrayList<>(want);
                java.util.Collections.reverse(wantDesc);
                var asc = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), "scheme:test.country", true);
                var desc = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), "scheme:test.country", false);
                int n = want.size();
                for (int offset : new int[] {0, 1, 199, 500, n - 5, n, n + 3}) {
                    assertEquals(want.subList(Math.min(offset, n), Math.min(offset + 200, n)),
                            q.page(asc, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList(), "asc at " + offset);
                    assertEquals(wantDesc.subList(Math.min(offset, n), Math.min(offset + 200, n)),
                            q.page(desc, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList(), "desc at " + offset);
                }
                assertEquals(List.of("de", "other"), want.stream().map(id -> all.stream().filter(r -> r.id().equals(id)).findFirst()
                        .orElseThrow().classes().get(0)).filter(java.util.Objects::nonNull).distinct().toList(), "both classes, in order");
                if (round == 0) { // a customer the run never saw: no class, so last going up and first going down
                    store.importFiles(new ImportRequest(write(tmp, "late.csv", "id,name,country\nC9999999,Late Comer,DE\n"), null,
                            null, null), new NullProgressMonitor());
                } else {
                    assertEquals(1_051, n);
                    assertEquals("C9999999", want.get(n - 1));
                    assertEquals("C9999999", q.page(desc, 0, 1).get(0).id());
                }
            }
        }
    }

    /** Class counts by any customer attribute, the read model the scheme views chart from; no other column is taken. */
    @Test
    void classCountsByAnAttributeCoverEveryCustomerOnce(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleCustomersAndACountryRun(tmp, 23)) {
            var q = store.queries();
            Map<List<String>, Long> byCountry = q.classCountsBy(1, "test.country", "country");
            assertEquals(1_050L, byCountry.values().stream().mapToLong(Long::longValue).sum());
            byCountry.keySet().stream().filter(k -> k.get(0).equals("de")).forEach(k -> assertEquals("DE", k.get(1)));
            assertTrue(byCountry.keySet().stream().anyMatch(k -> k.get(0).equals("other")));
            assertEquals(1_050L, q.classCountsBy(1, "test.country", "kind").values().stream().mapToLong(Long::longValue).sum());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> q.classCountsBy(1, "test.country", "name) FROM CUSTOMER --"));
        }
    }

    /**
     * A run whose classes are all as in its base run stores no row and no class order of its own: sorting
     * by its class pages through the base run's order, and gives what the base run gives.
     */
    @Test
    void aRunThatStoresNothingSortsByClassAsItsBaseRun(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleCustomersAndACountryRun(tmp, 13)) {
            store.saveRun(RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(COUNTRY, "b", "1"),
                    Settings.defaults(COUNTRY))), LocalDate.of(2026, 6, 30), new NullProgressMonitor()), new NullProgressMonitor());
            RunInfo second = store.run(2).orElseThrow();
            assertEquals(0, second.schemes().get(0).stored(), "nothing changed");
            assertEquals(Integer.valueOf(1), second.schemes().get(0).baseRun());
            var em = store.entityManagerFactory().createEntityManager();
            try {
                assertTrue(em.createNativeQuery("SELECT 1 FROM SYS.SYSTABLES WHERE TABLENAME = 'RUN_ORDER_2'").getResultList().isEmpty(),
                        "run 2 wrote an order of its own");
                assertTrue(!em.createNativeQuery("SELECT 1 FROM SYS.SYSTABLES WHERE TABLENAME = 'RUN_ORDER_1'").getResultList().isEmpty());
            } finally {
                em.close();
            }
            var q = store.queries();
            for (boolean up : new boolean[] {true, false}) {
                var first = new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), "scheme:test.country", up);
                var next = new prism.store.ExplorerQuery(2, List.of("test.country"), "", Map.of(), "scheme:test.country", up);
                for (int offset : new int[] {0, 300, 1_000}) {
                    assertEquals(q.page(first, offset, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(),
                            q.page(next, offset, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(), "at " + offset);
                }
            }
        }
    }

    /**
     * Until a column's index is made, the first pages sorted by it (up to a thousand rows in, either way, with
     * or without filters) come from one scan of the customers; they are the pages the index gives once it is
     * made, down to Derby's own comparison of strings: a tab sorts before the padding space, trailing spaces
     * make no difference, UTF-16 units, no value last.
     */
    @Test
    void theFirstPagesSortedByACustomerColumnBeforeItsIndexAreThoseOfTheIndex(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleAndOddCustomersWithARun(tmp, 19, 1_050, "id,name,kind,country\nA1,Ann,,de\nA2,\"Ann\tB\",individual,DE\n"
                + "A3,ann,enterprise,\nA4,\u00c4nn\u00e4,,de\nA5,\ud83d\ude00 Ann,individual,de\nA6,,,de\nA7,Ann,,de\nA8,\uff21nn,government,de\n",
                COUNTRY)) {
            var q = store.queries();
            List<Map<String, java.util.Set<String>>> filters = List.of(Map.of(), Map.of("test.country", java.util.Set.of("de")));
            for (String column : List.of("name", "kind", "country")) {
                String index = "CUSTOMER_" + column.toUpperCase(java.util.Locale.ROOT);
                Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
                for (int round = 0; round < 2; round++) {
                    assertEquals(round == 1, hasIndex(store, index), index);
                    for (Map<String, java.util.Set<String>> filter : filters) {
                        for (String text : List.of("", "ann")) {
                            for (boolean up : new boolean[] {true, false}) {
                                var query = new prism.store.ExplorerQuery(1, List.of("test.country"), text, filter, column, up);
                                for (int offset : new int[] {0, 1, 150, 790}) {
                                    String key = filter + " '" + text + "' " + (up ? "up" : "down") + " at " + offset;
                                    List<String> ids = q.page(query, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList();
                                    if (round == 0) {
                                        pages.put(key, ids);
                                    } else {
                                        assertEquals(pages.get(key), ids, column + " " + key);
                                    }
                                }
                            }
                        }
                    }
                    if (round == 0) { // a page further in makes the index
                        assertEquals(200, q.page(new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), column, true), 850, 200).size());
                    }
                }
                if (column.equals("name")) {
                    List<String> anns = pages.get("{} 'ann' up at 0");
                    // Derby compares "Ann\tB" as if "Ann" were "Ann  ": the tab is below the space; A1 and A7 are equal names, by id.
                    int a2 = anns.indexOf("A2");
                    assertEquals(List.of("A2", "A1", "A7"), anns.subList(a2, a2 + 3), anns.toString());
                    // Going down: no name first, then by UTF-16 unit: U+FF21, the emoji's surrogates (U+D83D …), U+00C4.
                    List<String> down = pages.get("{} '' down at 0");
                    assertTrue(down.indexOf("A6") >= 0 && down.indexOf("A6") < down.indexOf("A8") && down.indexOf("A8") < down.indexOf("A5")
                            && down.indexOf("A5") < down.indexOf("A4"), down.toString());
                } else if (column.equals("kind")) {
                    List<String> down = pages.get("{} 'ann' down at 0");
                    // No kind: first going down, by id descending; A3's kind after them.
                    assertTrue(down.indexOf("A7") >= 0 && down.indexOf("A7") < 5 && down.indexOf("A1") == down.indexOf("A7") + 1
                            && down.indexOf("A3") > down.indexOf("A1"), down.toString());
                }
            }
        }
    }

    /** A store with sample customers (no orders), the customers of {@code odd} beside them, and run 1 of the schemes over all. */
    private static PrismStore sampleAndOddCustomersWithARun(Path tmp, long seed, int customers, String odd, ClassificationScheme... schemes)
            throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(seed, customers, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")));
        store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), null, null), new NullProgressMonitor());
        store.importFiles(new ImportRequest(write(tmp, "odd.csv", odd), null, null, null), new NullProgressMonitor());
        List<RunEngine.SchemeSpec> specs = java.util.Arrays.stream(schemes)
                .map(x -> new RunEngine.SchemeSpec(new InstalledScheme(x, "b", "1"), Settings.defaults(x))).toList();
        store.saveRun(RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor()), new NullProgressMonitor());
        return store;
    }

    private static boolean hasIndex(PrismStore store, String index) {
        var em = store.entityManagerFactory().createEntityManager();
        try {
            return !em.createNativeQuery("SELECT 1 FROM SYS.SYSCONGLOMERATES WHERE CONGLOMERATENAME = ?").setParameter(1, index)
                    .getResultList().isEmpty();
        } finally {
            em.close();
        }
    }

    /** A store with 1,050 sample customers (no orders) and run 1 of the country scheme over them. */
    private static PrismStore sampleCustomersAndACountryRun(Path tmp, long seed) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(seed, 1_050, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")));
        store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), null, null), new NullProgressMonitor());
        store.saveRun(RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(COUNTRY, "b", "1"),
                Settings.defaults(COUNTRY))), asOf, new NullProgressMonitor()), new NullProgressMonitor());
        return store;
    }

    /**
     * A text search pages through the customers whose id or name holds the text, in id order either way, case
     * aside: whether it matches a few (sorted after one scan) or nearly everyone (read in id order).
     */
    @Test
    void aTextSearchPagesThroughTheMatchesInIdOrder(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleCustomersAndACountryRun(tmp, 17)) {
            var q = store.queries();
            List<prism.store.ExplorerQuery.Row> all = q.page(new prism.store.ExplorerQuery(1, List.of("test.country"), "", Map.of(), "id", true), 0, 5_000);
            for (String text : List.of("c00001", "  GmbH ", "c0", "no such customer", "0_0%1")) {
                String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "");
                List<String> want = all.stream().filter(r -> r.id().toLowerCase(java.util.Locale.ROOT).contains(t)
                        || r.name() != null && r.name().toLowerCase(java.util.Locale.ROOT).contains(t)).map(prism.store.ExplorerQuery.Row::id).toList();
                List<String> wantDesc = new java.util.ArrayList<>(want);
                java.util.Collections.reverse(wantDesc);
                var asc = new prism.store.ExplorerQuery(1, List.of("test.country"), text, Map.of(), "id", true);
                var desc = new prism.store.ExplorerQuery(1, List.of("test.country"), text, Map.of(), "id", false);
                int n = want.size();
                assertEquals(n, q.count(asc), text);
                for (int offset : new int[] {0, 1, 50, n - 3, n, n + 1}) {
                    int o = Math.max(0, offset);
                    assertEquals(want.subList(Math.min(o, n), Math.min(o + 100, n)),
                            q.page(asc, o, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(), text + " up at " + o);
                    assertEquals(wantDesc.subList(Math.min(o, n), Math.min(o + 100, n)),
                            q.page(desc, o, 100).stream().map(prism.store.ExplorerQuery.Row::id).toList(), text + " down at " + o);
                }
                if (text.equals("c0")) {
                    assertEquals(1_050, n, "every id holds c0, case aside");
                } else if (text.equals("c00001")) {
                    assertTrue(n >= 100 && n < 1_050, "some: " + n);
                }
            }
            assertTrue(q.page(new prism.store.ExplorerQuery(1, List.of("test.country"), "c00001", Map.of(), "id", true), 0, 1)
                    .get(0).classes().get(0) != null, "rows come with their classes");
        }
    }

    /** Classes by the last character of the id, lower-cased: many classes, each holding ids of every shape. */
    static final ClassificationScheme LAST_CHARACTER = new ClassificationScheme() {
        @Override public String id() { return "test.last"; }
        @Override public String name() { return "Last character"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() { return List.of(); }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            String id = f.customer().id();
            return Assignment.of(id.substring(id.length() - 1).toLowerCase(java.util.Locale.ROOT), null);
        }
    };

    /**
     * The class order stored with a run serves the sort by a class without sorting anything: its pages must
     * be the very pages the database gives when it sorts (as it does once customers were imported since the
     * run), across the chunks it is kept in, in both directions, for ids of mixed case and beyond ASCII.
     */
    @Test
    void theClassOrderStoredWithARunPagesAsTheDatabaseSorts(@TempDir Path tmp) throws Exception {
        try (PrismStore store = sampleAndOddCustomersWithARun(tmp, 13, 9_000, "id,name,country\na1,A,DE\nB2,B,FR\nb2,b,DE\n\u00c49,Ä,AT\n"
                + "z-z,Z,DE\nZ\u00fcrich_1,Zü,CH\n\u00df,Eszett,DE\nc\u4e2d,Zhong,CN\n", LAST_CHARACTER, COUNTRY)) {
            var q = store.queries();
            Map<String, List<String>> fromRun = classSortedPages(q);
            assertEquals(0, sortTables(store), "the run's stored order served every page: nothing was sorted");
            // Text-only pages sorted by name are the text's matches in the database's order by name.
            for (String text : List.of("c000", "\u00fc", "a")) {
                List<String> expected = idsByName(store, text);
                List<String> paged = new ArrayList<>();
                var query = new prism.store.ExplorerQuery(1, List.of("test.last"), text, Map.of(), "name", true);
                for (long offset = 0; offset < expected.size() + 200; offset += 200) {
                    q.page(query, offset, 200).forEach(r -> paged.add(r.id()));
                }
                assertEquals(expected, paged, text);
                assertEquals(expected.size(), q.count(query), text);
            }
            // A customers file that writes one customer as it was: the run's order is no longer trusted, the database sorts.
            String first = Files.readAllLines(tmp.resolve("data/customers.csv")).get(1);
            assertTrue(first.startsWith("C0000001,"), first);
            store.importFiles(new ImportRequest(write(tmp, "again.csv", "id,name\n" + first.split(",")[0] + "," + first.split(",")[1] + "\n"),
                    null, null, null), new NullProgressMonitor());
            Map<String, List<String>> sorted = classSortedPages(q);
            assertEquals(2, sortTables(store), "the database sorted by each scheme");
            assertEquals(sorted.keySet(), fromRun.keySet());
            sorted.forEach((page, ids) -> assertEquals(ids, fromRun.get(page), page));
            assertTrue(fromRun.get("test.last up at 0").get(0).startsWith("C"), "a digit class first");
            assertTrue(fromRun.get("test.last down at 0").contains("c\u4e2d"), "the CJK class last, first going down");
            assertEquals("900", fromRun.get("{test.last=[7]} count").get(0), "the customers whose id ends in 7: C0000007 … C0008997");
            assertTrue(Long.parseLong(fromRun.get("{test.country=[de]} count").get(0)) > 1_000, "a class of thousands, many chunks");
            assertTrue(fromRun.keySet().stream().filter(k -> k.contains("test.last=[") && k.contains("test.country=[de]")
                    && k.contains(" at 0")).allMatch(k -> !fromRun.get(k).isEmpty()), "the intersection is not empty");
        }
    }

    /** Pages sorted by each scheme's class, up and down, at offsets around the 4,096 ids of a stored chunk. */
    private static Map<String, List<String>> classSortedPages(StoreQueries q) {
        Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
        for (String scheme : List.of("test.last", "test.country")) {
            for (boolean up : new boolean[] {true, false}) {
                var query = new prism.store.ExplorerQuery(1, List.of(scheme), "", Map.of(), "scheme:" + scheme, up);
                for (int offset : new int[] {0, 1, 3_990, 4_095, 4_096, 8_150, 8_990, 9_008, 9_100}) {
                    List<String> ids = q.page(query, offset, 200).stream().map(prism.store.ExplorerQuery.Row::id).toList();
                    assertEquals(Math.max(0, Math.min(200, 9_008 - offset)), ids.size(), scheme + " at " + offset);
                    pages.put(scheme + (up ? " up" : " down") + " at " + offset, ids);
                }
            }
        }
        // Filtered by classes: one, several of a scheme (merged in id order), one that no one has, two schemes' at once.
        List<String> both = List.of("test.last", "test.country");
        for (Map<String, java.util.Set<String>> filter : List.of(Map.of("test.last", java.util.Set.of("7")),
                Map.of("test.last", java.util.Set.of("1", "7", "z", "\u00df", "\u4e2d")), Map.of("test.country", java.util.Set.of("de")),
                Map.of("test.last", java.util.Set.of("nobody")), // and two schemes at once: an intersection
                Map.of("test.last", java.util.Set.of("1", "7", "\u00df"), "test.country", java.util.Set.of("de")))) {
            for (String sort : List.of("id", "scheme:test.last", "scheme:test.country", "name", "kind", "country")) {
                for (boolean up : new boolean[] {true, false}) {
                    var query = new prism.store.ExplorerQuery(1, both, "", filter, sort, up);
                    long n = q.count(query);
                    pages.put(filter + " count", List.of(String.valueOf(n)));
                    long[] offsets = {0, 1, 199, n / 2, n - 5, n, n + 3};
                    String[] at = {"0", "1", "199", "the middle", "5 before the end", "the end", "past the end"};
                    for (int k = 0; k < offsets.length; k++) {
                        List<String> ids = q.page(query, Math.max(0, offsets[k]), 200).stream().map(prism.store.ExplorerQuery.Row::id).toList();
                        pages.put(filter + " by " + sort + (up ? " up" : " down") + " at " + at[k], ids);
                    }
                }
            }
        }
        // Filtered by classes and a text: ids, one of a name beyond ASCII, one that matches no one, one that matches thousands.
        for (String text : List.of("c000", "\u00fc", "quux", "a")) {
            for (Map<String, java.util.Set<String>> filter : List.of(Map.of("test.country", java.util.Set.of("de")),
                    Map.of("test.last", java.util.Set.of("1", "7", "z", "\u00df", "\u4e2d"), "test.country", java.util.Set.of("de", "ch")))) {
                for (String sort : List.of("id", "scheme:test.last", "name")) {
                    for (boolean up : new boolean[] {true, false}) {
                        var query = new prism.store.ExplorerQuery(1, both, text, filter, sort, up);
                        long n = q.count(query);
                        pages.put(filter + " '" + text + "' count", List.of(String.valueOf(n)));
                        long[] offsets = {0, n / 2, n - 5};
                        String[] at = {"0", "the middle", "5 before the end"};
                        for (int k = 0; k < offsets.length; k++) {
                            List<String> ids = q.page(query, Math.max(0, offsets[k]), 200).stream().map(prism.store.ExplorerQuery.Row::id).toList();
                            pages.put(filter + " '" + text + "' by " + sort + (up ? " up" : " down") + " at " + at[k], ids);
                        }
                    }
                }
            }
        }
        return pages;
    }

    /** The customers whose id or name holds the text, in the database's order by name (nulls last), then id. */
    private static List<String> idsByName(PrismStore store, String text) {
        var em = store.entityManagerFactory().createEntityManager();
        try {
            String like = "%" + text + "%";
            @SuppressWarnings("unchecked")
            List<String> ids = em.createNativeQuery("SELECT ID FROM CUSTOMER WHERE LOWER(ID) LIKE ? OR LOWER(NAME) LIKE ? ORDER BY NAME, ID")
                    .setParameter(1, like).setParameter(2, like).getResultList();
            return ids;
        } finally {
            em.close();
        }
    }

    private static long sortTables(PrismStore store) {
        var em = store.entityManagerFactory().createEntityManager();
        try {
            return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME LIKE 'RUN\\_SORT\\_%' ESCAPE '\\'")
                    .getSingleResult()).longValue();
        } finally {
            em.close();
        }
    }

    @Test
    void runsStoredByEarlierVersionsInTheSharedTableStayReadable(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), write(tmp, "o.csv", ImportTest.ORDERS),
                    null), new NullProgressMonitor());
            // Run 1 as version 1.0 stored it: its rows in ASSIGNMENT, no table of its own.
            var em = store.entityManagerFactory().createEntityManager();
            em.getTransaction().begin();
            var run = new prism.store.internal.RunEntity();
            run.number = 1;
            run.asOf = LocalDate.of(2024, 6, 15);
            run.createdAt = java.time.LocalDateTime.of(2024, 6, 16, 8, 0);
            run.customers = 3;
            em.persist(run);
            var rs = new prism.store.internal.RunSchemeEntity();
            rs.run = 1;
            rs.schemeId = "test.buyer";
            rs.counts = "yes=1\nno=2";
            rs.settings = "";
            em.persist(rs);
            for (String[] a : new String[][] {{"007", "yes"}, {"C2", "no"}, {"C3", "no"}}) {
                var row = new prism.store.internal.AssignmentEntity();
                row.run = 1;
                row.schemeId = "test.buyer";
                row.customerId = a[0];
                row.classId = a[1];
                row.explanation = "legacy";
                em.persist(row);
            }
            em.getTransaction().commit();
            em.close();
            RunResult result = RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(BUYER, "b", "1"),
                    Settings.defaults(BUYER))), LocalDate.of(2024, 6, 15), new NullProgressMonitor());
            assertEquals(2, store.saveRun(result, new NullProgressMonitor()));
            assertEquals(Map.of("007", "yes", "C2", "no", "C3", "no"), store.classes(1, "test.buyer"));
            assertEquals(store.classes(1, "test.buyer"), store.classes(2, "test.buyer"));
            StringWriter w = new StringWriter();
            assertEquals(3, store.export(1, List.of(), w));
            assertTrue(w.toString().contains("C2,test.buyer,no,,legacy"), w.toString());
            var history = store.queries().assignments("007");
            assertEquals(List.of(2, 1), history.stream().map(StoreQueries.Assignment::run).toList());
            assertEquals("legacy", history.get(1).explanation());
            assertEquals(Map.of("test.buyer", 1), Map.of("test.buyer", store.queries().pairCounts(1, "test.buyer", 2, "test.buyer")
                    .get(List.of("yes", "yes"))));
        }
    }

    /**
     * The previous version kept a run's rows in one table, one row per customer and scheme (RUN_ROWS_n),
     * explanations as text. Such a
     * run stays readable, and the next run is stored in full rather than as changes against it, even though
     * the results cache says nothing changed; the run after that is stored as changes again.
     */
    @Test
    void runsStoredByThePreviousVersionInOneTablePerRunStayReadableAndAreNoBase(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), write(tmp, "o.csv", ImportTest.ORDERS),
                    null), new NullProgressMonitor());
            RunResult result = RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(BUYER, "b", "1"),
                    Settings.defaults(BUYER))), LocalDate.of(2024, 6, 15), new NullProgressMonitor());
            assertEquals(1, store.saveRun(result, new NullProgressMonitor()));
            StringWriter expected = new StringWriter();
            store.export(1, List.of(), expected);
            var history = store.queries().assignments("007");

            // Run 1 moved into the previous version's layout: one table for the run, explanations as text.
            var em = store.entityManagerFactory().createEntityManager();
            em.getTransaction().begin();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT CUSTOMER_ID, C1, S1, E1, 0 FROM RUN_RESULTS_1").getResultList();
            assertEquals(3, rows.size());
            em.createNativeQuery("CREATE TABLE RUN_ROWS_1 (RUN_NUM INTEGER NOT NULL, SCHEME_ID VARCHAR(128) NOT NULL, "
                    + "CUSTOMER_ID VARCHAR(64) NOT NULL, CLASS_ID VARCHAR(64) NOT NULL, SCORE DOUBLE PRECISION, "
                    + "EXPLANATION VARCHAR(2000), HASH BIGINT, PRIMARY KEY (RUN_NUM, SCHEME_ID, CUSTOMER_ID))").executeUpdate();
            for (Object[] r : rows) {
                em.createNativeQuery("INSERT INTO RUN_ROWS_1 VALUES (1, 'test.buyer', ?, ?, ?, ?, ?)").setParameter(1, r[0])
                        .setParameter(2, r[1]).setParameter(3, r[2]).setParameter(4,
                                new String((byte[]) r[3], java.nio.charset.StandardCharsets.UTF_8)).setParameter(5, r[4])
                        .executeUpdate();
            }
            em.createNativeQuery("UPDATE RUN SET ROWS_TABLE = 'RUN_ROWS_1'").executeUpdate();
            em.createNativeQuery("UPDATE RUN_SCHEME SET ROWS_TABLE = NULL, ROWS_COLUMN = NULL").executeUpdate();
            em.createNativeQuery("DROP TABLE RUN_RESULTS_1").executeUpdate();
            em.getTransaction().commit();
            em.close();

            StringWriter old = new StringWriter();
            store.export(1, List.of(), old);
            assertEquals(expected.toString(), old.toString(), "run 1 reads the same from the previous layout");
            assertEquals(history, store.queries().assignments("007"));

            assertEquals(2, store.saveRun(result, new NullProgressMonitor()));
            RunInfo.SchemeInfo two = store.run(2).orElseThrow().schemes().get(0);
            assertEquals(null, two.baseRun(), "no changes against a run of the previous layout");
            assertEquals(3, two.stored());
            assertEquals(3, store.saveRun(result, new NullProgressMonitor()));
            RunInfo.SchemeInfo three = store.run(3).orElseThrow().schemes().get(0);
            assertEquals(2, three.baseRun(), "changes against run 2, stored in the current layout");
            assertEquals(0, three.stored());
            for (int run : new int[] {2, 3}) {
                StringWriter w = new StringWriter();
                store.export(run, List.of(), w);
                assertEquals(expected.toString(), w.toString(), "run " + run);
            }
            var all = store.queries().assignments("007");
            assertEquals(List.of(3, 2, 1), all.stream().map(StoreQueries.Assignment::run).toList());
            assertEquals(1, all.stream().map(StoreQueries.Assignment::explanation).distinct().count(), all.toString());
            assertEquals(store.classes(1, "test.buyer"), store.classes(3, "test.buyer"));
        }
    }

    private static final LocalDate CACHED_AS_OF = LocalDate.of(2024, 6, 15);
    private static final List<RunEngine.SchemeSpec> BUYER_ONLY = List.of(
            new RunEngine.SchemeSpec(new InstalledScheme(BUYER, "b", "1"), Settings.defaults(BUYER)));

    /** Imports ImportTest's customers and orders and stores a run of them, which writes the facts cache; its facts. */
    private static prism.engine.RunStore.FactsRun importAndRun(PrismStore store, Path tmp, NullProgressMonitor m) throws Exception {
        store.importFiles(ImportRequest.of(write(tmp, "c.csv", ImportTest.CUSTOMERS), write(tmp, "o.csv", ImportTest.ORDERS), null), m);
        prism.engine.RunStore.FactsRun first = store.facts(CACHED_AS_OF, false, m);
        store.saveRun(RunEngine.classify(first.facts(), BUYER_ONLY, CACHED_AS_OF, m), m);
        return first;
    }

    /**
     * The workbench runs again in the same process: the facts of the customers not imported since come from
     * memory, not from decoding the cache files again, unless those files changed; either way they are the
     * facts a full computation gives.
     */
    @Test
    void aRunInTheSameProcessTakesTheFactsFromMemoryUnlessTheCacheFilesChanged(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            NullProgressMonitor m = new NullProgressMonitor();
            LocalDate asOf = CACHED_AS_OF;
            var specs = BUYER_ONLY;
            prism.engine.RunStore.FactsRun first = importAndRun(store, tmp, m);
            assertEquals("full", first.how());
            store.importFiles(new ImportRequest(null, write(tmp, "o2.csv", "id,customer_id,date,amount\nO-NEW,C3,2024-06-01,10\n"),
                    null, null), m);
            prism.engine.RunStore.FactsRun second = store.facts(asOf, false, m);
            assertEquals("incremental: 1 customers recomputed, the others' facts kept in memory since the last run", second.how());
            prism.engine.RunStore.FactsRun third = store.facts(asOf, false, m);
            assertEquals("incremental: 0 customers recomputed, the others' facts kept in memory since the last run", third.how());

            Path changes = prism.engine.FactsCache.changesFile(store.factsCacheFile().orElseThrow());
            assertTrue(java.nio.file.Files.exists(changes), "one customer changed: only the changes were written");
            java.nio.file.Files.setLastModifiedTime(changes, java.nio.file.attribute.FileTime.fromMillis(0));
            assertEquals("incremental: 0 customers recomputed", store.facts(asOf, false, m).how(), "a file changed: read again");
            java.nio.file.Files.delete(changes);
            java.nio.file.Files.delete(store.factsCacheFile().orElseThrow());
            prism.engine.RunStore.FactsRun fresh = store.facts(asOf, false, m);
            assertEquals("full", fresh.how(), "no cache files: nothing from memory either");

            RunResult kept = RunEngine.classify(second.facts(), specs, asOf, m);
            RunResult full = RunEngine.classify(fresh.facts(), specs, asOf, m);
            assertEquals(full.customerIds(), kept.customerIds());
            assertEquals(List.of(full.schemes().get(0).classIds()), List.of(kept.schemes().get(0).classIds()));
            assertEquals(List.copyOf(full.schemes().get(0).explanations()), List.copyOf(kept.schemes().get(0).explanations()));
            assertTrue(kept.schemes().get(0).explanations().get(full.customerIds().indexOf("C3")).contains("orders=1"),
                    "C3's facts include the order imported last");
        }
    }

    /**
     * An incremental run reads the orders and interactions of the customers imported since, and their own
     * records too only when an import since may have written them: a customers file makes it read them all.
     */
    @Test
    void anIncrementalRunTakesCustomerRecordsFromItsCacheUnlessACustomersFileWasImportedSince(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            NullProgressMonitor m = new NullProgressMonitor();
            LocalDate asOf = CACHED_AS_OF;
            List<Facts> first = importAndRun(store, tmp, m).facts();
            Facts c3 = first.stream().filter(f -> f.customer().id().equals("C3")).findFirst().orElseThrow();

            store.importFiles(new ImportRequest(null, write(tmp, "o2.csv", "id,customer_id,date,amount\nO-NEW,C3,2024-06-01,10\n"),
                    null, null), m);
            List<Facts> second = store.facts(asOf, false, m).facts();
            Facts c3After = second.stream().filter(f -> f.customer().id().equals("C3")).findFirst().orElseThrow();
            assertEquals(1, c3After.orders(), "the order imported since counts");
            assertTrue(c3After != c3 && c3After.customer() == c3.customer(), "only orders were imported: C3's record is the cached one");
            assertEquals(ColumnSnapshotTest.encode(store.facts(asOf, true, m).facts()), ColumnSnapshotTest.encode(second));

            store.importFiles(new ImportRequest(write(tmp, "c2.csv", "id,country\nC3,JP\n"), null, null, null), m);
            List<Facts> third = store.facts(asOf, false, m).facts();
            Facts c3Moved = third.stream().filter(f -> f.customer().id().equals("C3")).findFirst().orElseThrow();
            assertEquals("JP", c3Moved.customer().country(), "a customers file was imported: C3's record is read again");
            assertEquals(1, c3Moved.orders());
            assertEquals(ColumnSnapshotTest.encode(store.facts(asOf, true, m).facts()), ColumnSnapshotTest.encode(third));
        }
    }

    /** A run's table has three columns a scheme: a run of more schemes than it holds is refused whole. */
    @Test
    void aRunOfMoreSchemesThanATableHoldsIsRefusedAndStoresNothing(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            List<RunResult.SchemeResult> many = new java.util.ArrayList<>();
            for (int k = 0; k <= PrismStore.MAX_SCHEMES_PER_RUN; k++) {
                many.add(new RunResult.SchemeResult("test.s" + k, "1", "b", Map.of(), new String[] {"x"}, new double[] {Double.NaN},
                        prism.engine.Texts.of("why")));
            }
            RunResult result = new RunResult(LocalDate.of(2024, 6, 15), List.of("007"), many, List.of());
            var e = org.junit.jupiter.api.Assertions.assertThrows(prism.store.StoreException.class,
                    () -> store.saveRun(result, new NullProgressMonitor()));
            assertTrue(e.getMessage().contains("at most " + PrismStore.MAX_SCHEMES_PER_RUN + " schemes"), e.getMessage());
            assertEquals(List.of(), store.runs());
            assertEquals(1, store.saveRun(new RunResult(result.asOf(), result.customerIds(),
                    many.subList(0, PrismStore.MAX_SCHEMES_PER_RUN), List.of()), new NullProgressMonitor()), "as many as it holds");
            assertEquals("x", store.classes(1, "test.s" + (PrismStore.MAX_SCHEMES_PER_RUN - 1)).get("007"));
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
