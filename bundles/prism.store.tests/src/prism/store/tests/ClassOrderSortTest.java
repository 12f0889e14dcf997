package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static prism.store.tests.StoreFixture.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.Settings;
import prism.engine.RunEngine;
import prism.store.ExplorerQuery;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;
import prism.store.StoreQueries;

/**
 * A sort by a scheme follows the order of classes the query gives (the scheme's own: champions before
 * hibernating), whichever way the store answers: the run's stored order, a filter over it, or the
 * database once customers were imported after the run.
 */
class ClassOrderSortTest {

    /** test.last's classes in an order of the scheme's own; the other classes after them, by their ids. */
    static final List<String> ORDER = List.of("7", "z", "1", "0");

    @Test
    void aSortByASchemeFollowsItsOrderOfClassesOnEveryPath(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(21, 9_000, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), null, null), new NullProgressMonitor());
            store.saveRun(RunEngine.run(store.source(), java.util.stream.Stream.of(RunStoreTest.LAST_CHARACTER, RunStoreTest.COUNTRY)
                    .map(x -> new RunEngine.SchemeSpec(new InstalledScheme(x, "b", "1"), Settings.defaults(x))).toList(), asOf,
                    new NullProgressMonitor()), new NullProgressMonitor());
            StoreQueries q = store.queries();
            for (int round = 0; round < 2; round++) {
                List<ExplorerQuery.Row> all = q.page(new ExplorerQuery(1, List.of("test.last", "test.country"), "", Map.of(), "id", true), 0, 10_000);
                for (Map<String, Set<String>> filter : List.of(Map.<String, Set<String>>of(), Map.of("test.country", Set.of("de")),
                        Map.of("test.last", Set.of("1", "7", "z", "3")))) {
                    List<String> want = expected(all, filter);
                    for (boolean up : new boolean[] {true, false}) {
                        List<String> w = up ? want : want.reversed();
                        var query = new ExplorerQuery(1, List.of("test.last", "test.country"), "", filter, "scheme:test.last", up,
                                Map.of("test.last", ORDER));
                        int n = w.size();
                        assertEquals(n, q.count(query));
                        for (long offset : new long[] {0, 1, 850, 899, 900, 4_095, 4_096, n / 2, n - 3, n}) {
                            int from = (int) Math.min(offset, n);
                            assertEquals(w.subList(from, Math.min(from + 200, n)),
                                    q.page(query, offset, 200).stream().map(ExplorerQuery.Row::id).toList(),
                                    "round " + round + ", " + filter + (up ? " up" : " down") + " at " + offset);
                        }
                    }
                }
                assertEquals("C0000007", expected(all, Map.of()).get(0), "class 7 first, as the order says");
                if (round == 0) { // a customer the run never saw: no class, last going up; the run's order no longer holds
                    store.importFiles(new ImportRequest(write(tmp, "late.csv", "id,name,country\nC9999997,Late,DE\n"), null, null, null),
                            new NullProgressMonitor());
                }
            }
        }
    }

    /** A score filter (an R × F cell) keeps the customers whose score lies in the range, with a class filter or without. */
    @Test
    void aScoreRangeKeepsTheCustomersWhoseScoreLiesInIt(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(22, 3_000, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"), null), new NullProgressMonitor());
            var specs = java.util.stream.Stream.of(RunStoreTest.BUYER, RunStoreTest.COUNTRY)
                    .map(x -> new RunEngine.SchemeSpec(new InstalledScheme(x, "b", "1"), Settings.defaults(x))).toList();
            var first = RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor());
            store.saveRun(first, new NullProgressMonitor());
            // Run 2 as changes: a few customers buy again, so their scores (orders) come from run 2's own rows.
            store.importFiles(ImportRequest.of(null, write(tmp, "o2.csv", "id,customer_id,date,amount\nX1,C0000010,2026-06-01,1\n"
                    + "X2,C0000020,2026-06-01,1\nX3,C0000020,2026-06-02,1\n"), null), new NullProgressMonitor());
            var second = RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor());
            store.saveRun(second, new NullProgressMonitor());
            StoreQueries q = store.queries();
            for (Map<String, Set<String>> filter : List.of(Map.<String, Set<String>>of(), Map.of("test.country", Set.of("de")))) {
                for (String sort : List.of("id", "name", "scheme:test.buyer")) {
                    var query = new ExplorerQuery(2, List.of("test.buyer", "test.country"), "", filter, sort, true, Map.of(),
                            Map.of("test.buyer", new ExplorerQuery.ScoreRange(2, 4)));
                    List<String> want = new ArrayList<>();
                    for (int i = 0; i < second.customerIds().size(); i++) {
                        double orders = second.schemes().get(0).scores()[i];
                        boolean de = second.schemes().get(1).classIds()[i].equals("de");
                        if (orders >= 2 && orders < 4 && (filter.isEmpty() || de)) {
                            want.add(second.customerIds().get(i));
                        }
                    }
                    assertEquals(want.size(), q.count(query), filter + " " + sort);
                    List<String> got = new ArrayList<>();
                    for (long offset = 0; offset < want.size(); offset += 150) {
                        q.page(query, offset, 150).forEach(r -> got.add(r.id()));
                    }
                    assertEquals(new java.util.TreeSet<>(want), new java.util.TreeSet<>(got), filter + " " + sort);
                    assertEquals(want.size(), got.size());
                }
            }
            assertEquals(true, q.count(new ExplorerQuery(2, List.of("test.buyer"), "", Map.of(), "id", true, Map.of(),
                    Map.of("test.buyer", new ExplorerQuery.ScoreRange(2, 4)))) > 0, "some customers have 2 or 3 orders");
        }
    }

    /** The ids the filter keeps, by ORDER's rank of test.last, then the class id, no class last, then the id. */
    private static List<String> expected(List<ExplorerQuery.Row> all, Map<String, Set<String>> filter) {
        Comparator<String> byClass = Comparator.<String>comparingInt(c -> ORDER.contains(c) ? ORDER.indexOf(c) : ORDER.size())
                .thenComparing(Comparator.naturalOrder());
        List<ExplorerQuery.Row> kept = new ArrayList<>();
        for (ExplorerQuery.Row r : all) {
            boolean in = filter.entrySet().stream().allMatch(f -> {
                String c = r.classes().get(f.getKey().equals("test.last") ? 0 : 1);
                return c != null && f.getValue().contains(c);
            });
            if (in) {
                kept.add(r);
            }
        }
        kept.sort(Comparator.comparing((ExplorerQuery.Row r) -> r.classes().get(0), Comparator.nullsLast(byClass))
                .thenComparing(ExplorerQuery.Row::id));
        return kept.stream().map(ExplorerQuery.Row::id).toList();
    }
}
