package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.Settings;
import prism.engine.RunEngine;
import prism.engine.RunResult;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;

/**
 * Cross-tabs and migrations counted from the class orders stored with the runs: the counts a user would
 * make from the runs' classes by hand, whether the database or the stored orders give them.
 */
class ClassPairsTest {

    @Test
    void crossTabsAndMigrationsCountEachCustomerInBothRunsOnce(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(3, 9_000, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        List<RunEngine.SchemeSpec> specs = java.util.stream.Stream.of(RunStoreTest.BUYER, RunStoreTest.COUNTRY, RunStoreTest.LAST_CHARACTER)
                .map(x -> new RunEngine.SchemeSpec(new InstalledScheme(x, "b", "1"), Settings.defaults(x))).toList();
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"), null),
                    new NullProgressMonitor());
            RunResult first = RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor());
            assertEquals(1, store.saveRun(first, new NullProgressMonitor()));
            // Run 2 stored as changes: two new customers (one a buyer), and first orders of customers who had none.
            StringBuilder orders = new StringBuilder("id,customer_id,date,amount\nN1,NEW1,2026-06-02,5\n");
            int firstOrders = 0;
            for (int i = 0; i < first.customerIds().size() && firstOrders < 40; i++) {
                if (first.schemes().get(0).classIds()[i].equals("no")) {
                    orders.append("F").append(i).append(',').append(first.customerIds().get(i)).append(",2026-06-01,10\n");
                    firstOrders++;
                }
            }
            store.importFiles(ImportRequest.of(write(tmp, "c2.csv", "id,name,country\nNEW1,New one,DE\nNEW2,Other,FR\n"),
                    write(tmp, "o2.csv", orders.toString()), null), new NullProgressMonitor());
            RunResult second = RunEngine.run(store.source(), specs, asOf, new NullProgressMonitor());
            assertEquals(2, store.saveRun(second, new NullProgressMonitor()));
            assertTrue(store.run(2).orElseThrow().schemes().get(0).baseRun() != null, "run 2 is stored as changes to run 1");
            // Customers imported after both runs are in neither.
            store.importFiles(new ImportRequest(write(tmp, "c3.csv", "id,name\nLATE1,Late\n"), null, null, null), new NullProgressMonitor());

            var q = store.queries();
            Map<List<String>, Integer> migration = expected(first, 0, second, 0);
            assertEquals(migration, q.pairCounts(1, "test.buyer", 2, "test.buyer"));
            assertEquals(firstOrders + 0, migration.get(List.of("no", "yes")), "the customers who bought since moved");
            assertEquals(9_000, migration.values().stream().mapToInt(Integer::intValue).sum(), "every customer of both runs once");
            Map<List<String>, Integer> crossTab = expected(second, 2, second, 1);
            assertEquals(crossTab, q.pairCounts(2, "test.last", 2, "test.country"));
            assertEquals(9_002, crossTab.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(expected(second, 0, second, 0).size(), q.pairCounts(2, "test.buyer", 2, "test.buyer").size());
            List<List<String>> movers = q.pairCustomers(1, "test.buyer", "no", 2, "test.buyer", "yes", 25).stream().map(List::of).toList();
            List<List<String>> germansEndingIn7 = q.pairCustomers(2, "test.last", "7", 2, "test.country", "de", 5_000).stream()
                    .map(List::of).toList();
            assertEquals(25, movers.size());
            assertEquals(crossTab.get(List.of("7", "de")), germansEndingIn7.size());

            // Without the stored orders (runs of earlier versions) the database counts: the same numbers, the same customers.
            assertEquals(2, dropOrders(store), "both runs had stored their class orders");
            assertEquals(migration, q.pairCounts(1, "test.buyer", 2, "test.buyer"));
            assertEquals(crossTab, q.pairCounts(2, "test.last", 2, "test.country"));
            assertEquals(movers, q.pairCustomers(1, "test.buyer", "no", 2, "test.buyer", "yes", 25).stream().map(List::of).toList());
            assertEquals(germansEndingIn7, q.pairCustomers(2, "test.last", "7", 2, "test.country", "de", 5_000).stream()
                    .map(List::of).toList());
        }
    }

    @Test
    void aCancelledCountStops(@TempDir Path tmp) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new prism.sample.SampleGenerator(4, 2_000, asOf).write(tmp.resolve("data"), new NullProgressMonitor());
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), null, null), new NullProgressMonitor());
            store.saveRun(RunEngine.run(store.source(), List.of(new RunEngine.SchemeSpec(new InstalledScheme(RunStoreTest.COUNTRY, "b", "1"),
                    Settings.defaults(RunStoreTest.COUNTRY))), asOf, new NullProgressMonitor()), new NullProgressMonitor());
            NullProgressMonitor cancelled = new NullProgressMonitor();
            cancelled.setCanceled(true);
            assertThrows(OperationCanceledException.class, () -> store.queries().pairCounts(1, "test.country", 1, "test.country", cancelled));
            assertEquals(2_000, store.queries().pairCounts(1, "test.country", 1, "test.country").values().stream().mapToInt(i -> i).sum());
        }
    }

    /** Counts by (class in scheme a of run x, class in scheme b of run y) of the customers in both, from the results. */
    private static Map<List<String>, Integer> expected(RunResult x, int a, RunResult y, int b) {
        Map<String, String> classOf = new HashMap<>();
        for (int i = 0; i < x.customerIds().size(); i++) {
            classOf.put(x.customerIds().get(i), x.schemes().get(a).classIds()[i]);
        }
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i < y.customerIds().size(); i++) {
            String c = classOf.get(y.customerIds().get(i));
            if (c != null) {
                m.merge(List.of(c, y.schemes().get(b).classIds()[i]), 1, Integer::sum);
            }
        }
        return m;
    }

    private static int dropOrders(PrismStore store) {
        var em = store.entityManagerFactory().createEntityManager();
        try {
            em.getTransaction().begin();
            int n = 0;
            for (Object t : em.createNativeQuery("SELECT TABLENAME FROM SYS.SYSTABLES WHERE TABLENAME LIKE 'RUN\\_ORDER\\_%' ESCAPE '\\' "
                    + "AND TABLENAME <> 'RUN_ORDER_TEMPLATE'").getResultList()) {
                em.createNativeQuery("DROP TABLE " + t).executeUpdate();
                n++;
            }
            em.getTransaction().commit();
            return n;
        } finally {
            em.close();
        }
    }
}
