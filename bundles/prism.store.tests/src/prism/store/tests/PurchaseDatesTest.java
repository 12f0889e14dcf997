package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static prism.store.tests.StoreFixture.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;
import prism.store.StoreQueries.PurchaseDate;

/** Purchases by day as the tracking chart reads them: the same purchase days the customers' facts count. */
class PurchaseDatesTest {

    @Test
    void buyersAndFirstPurchasesByDay(@TempDir Path tmp) throws Exception {
        String orders = """
                id,customer_id,date,amount
                o1,A,2026-01-05,10
                o2,A,2026-01-05,20
                o3,A,2026-01-12,5
                o4,B,2026-01-12,0
                o5,B,2026-01-20,-30
                o6,C,2026-01-03,-8
                o7,C,2026-01-20,9
                o8,A,2026-02-01,7
                """;
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", "id,name\nA,a\nB,b\nC,c\n"), write(tmp, "o.csv", orders), null),
                    new NullProgressMonitor());
            LocalDate asOf = LocalDate.of(2026, 1, 31);
            // Two rows of A on one day are one purchase; a free order is one, a refund none; o8 is after as-of.
            assertEquals(List.of(new PurchaseDate(LocalDate.of(2026, 1, 5), 1, 1), new PurchaseDate(LocalDate.of(2026, 1, 12), 2, 1),
                    new PurchaseDate(LocalDate.of(2026, 1, 20), 1, 1)), store.queries().purchaseDates(asOf));
            long repeat = store.queries().purchaseDates(asOf).stream().mapToLong(PurchaseDate::repeatPurchases).sum();
            long fromFacts = store.facts(asOf, false, new NullProgressMonitor()).facts().stream()
                    .mapToLong(f -> Math.max(0, f.purchaseDays() - 1)).sum();
            assertEquals(fromFacts, repeat, "the repeat purchases the facts count");
            assertEquals(List.of(), store.queries().purchaseDates(LocalDate.of(2025, 12, 31)));
            Facts a = store.facts(asOf, false, new NullProgressMonitor()).facts().stream()
                    .filter(f -> f.customer().id().equals("A")).findFirst().orElseThrow();
            assertEquals(2, a.purchaseDays());
        }
    }
}
