package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.snapshot;
import static prism.store.tests.StoreFixture.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;
import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.ImportResult;
import prism.store.PrismStore;
import prism.store.StoreConfig;

/** Import into a real embedded Derby database. */
class ImportTest {

    @TempDir
    Path tmp;
    PrismStore store;

    static final String CUSTOMERS = """
            id,name,kind,role,country,region,city,industry,plan,created,refused,tier_hint
            007,"Bond, James",individual,end,GB,London,London,,paid,2020-01-31,FALSE,gold
            C2,Acme GmbH,Enterprise,intermediary,DE,Bavaria,Munich,retail,free,2021-02-03T10:15:00,true,
            C3,,,,Atlantis,,,,,,,
            """;
    static final String ORDERS = """
            id,customer_id,date,amount,discount,promo,custom,cost
            O1,007,2024-05-01,100.50,5,TRUE,false,60
            O2,007,2024-06-01,-20,,,,
            O3,C2,2024-07-01 08:00,1e3,0,false,true,
            """;
    static final String INTERACTIONS = """
            id,customer_id,date,type,score,stage,note
            I1,007,2024-05-02,Survey,9,,"said ""great"", twice"
            I2,C2,2024-07-03,call,,not_now,
            """;

    @BeforeEach
    void open() {
        store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    ImportResult importAll(String customers, String orders, String interactions) throws Exception {
        return store.importFiles(ImportRequest.of(
                customers == null ? null : write(tmp, "customers.csv", customers),
                orders == null ? null : write(tmp, "orders.csv", orders),
                interactions == null ? null : write(tmp, "interactions.csv", interactions)), new NullProgressMonitor());
    }

    Map<String, Customer> customers() {
        Map<String, Customer> m = new HashMap<>();
        store.source().customers(c -> m.put(c.id(), c));
        return m;
    }

    List<Order> orders() {
        List<Order> l = new ArrayList<>();
        store.source().orders(LocalDate.of(9999, 1, 1), l::add);
        l.sort((a, b) -> a.id().compareTo(b.id()));
        return l;
    }

    @Test
    void importsEveryColumnAsWritten() throws Exception {
        ImportResult r = importAll(CUSTOMERS, ORDERS, INTERACTIONS);
        assertEquals(3, r.customers().inserted());
        assertEquals(3, r.orders().inserted());
        assertEquals(2, r.interactions().inserted());
        Map<String, Customer> c = customers();
        Customer bond = c.get("007");
        assertEquals("Bond, James", bond.name(), "quoted comma");
        assertEquals(Boolean.FALSE, bond.refused());
        assertEquals(LocalDate.of(2020, 1, 31), bond.created());
        assertEquals(Map.of("tier_hint", "gold"), bond.attributes(), "unknown columns are kept");
        Customer acme = c.get("C2");
        assertEquals("enterprise", acme.kind(), "enumerations are read case-blind");
        assertEquals(LocalDate.of(2021, 2, 3), acme.created(), "a time after the date is ignored");
        assertEquals(Boolean.TRUE, acme.refused());
        assertEquals(Map.of(), acme.attributes(), "empty cells are missing values");
        Customer c3 = c.get("C3");
        assertEquals("Atlantis", c3.country(), "a country that is not a code is not an error");
        assertNull(c3.name());
        assertNull(c3.refused());

        List<Order> o = orders();
        assertEquals(new Order("O1", "007", LocalDate.of(2024, 5, 1), 100.5, 5, true, false, 60.0), o.get(0));
        assertEquals(new Order("O2", "007", LocalDate.of(2024, 6, 1), -20, 0, false, false, null), o.get(1));
        assertEquals(1000.0, o.get(2).amount());
        assertTrue(o.get(2).custom());

        List<Interaction> ix = new ArrayList<>();
        store.source().interactions(LocalDate.of(9999, 1, 1), ix::add);
        ix.sort((a, b) -> a.id().compareTo(b.id()));
        assertEquals(InteractionType.SURVEY, ix.get(0).type());
        assertEquals(9, ix.get(0).score());
        assertEquals("said \"great\", twice", ix.get(0).note());
        assertEquals(Stage.NOT_NOW, ix.get(1).stage());
    }

    @Test
    void reimportingTheSameIdsUpdatesAndNeverDuplicates() throws Exception {
        importAll(CUSTOMERS, ORDERS, INTERACTIONS);
        ImportResult r = importAll(CUSTOMERS.replace("Acme GmbH", "Acme AG"), ORDERS.replace("100.50", "99"), INTERACTIONS);
        assertEquals(0, r.customers().inserted());
        assertEquals(3, r.customers().updated());
        assertEquals(3, r.orders().updated());
        assertEquals(3, store.countCustomers());
        assertEquals(3, store.countOrders());
        assertEquals(2, store.countInteractions());
        assertEquals("Acme AG", customers().get("C2").name());
        assertEquals(99.0, orders().get(0).amount());
        assertEquals("gold", customers().get("007").attributes().get("tier_hint"));
    }

    @Test
    void aFileWithoutAColumnLeavesThatColumnAsItWas() throws Exception {
        importAll(CUSTOMERS, null, null);
        ImportResult r = importAll("id,country\n007,FR\nC9,JP\n", null, null);
        assertEquals(1, r.customers().updated());
        assertEquals(1, r.customers().inserted());
        Customer bond = customers().get("007");
        assertEquals("FR", bond.country());
        assertEquals("Bond, James", bond.name());
        assertEquals("gold", bond.attributes().get("tier_hint"));
    }

    @Test
    void aLaterRowWithTheSameIdWins() throws Exception {
        ImportResult r = importAll("id,name\nA,first\nB,b\nA,second\n", null, null);
        assertEquals(2, r.customers().inserted());
        assertEquals(1, r.customers().updated());
        assertEquals("second", customers().get("A").name());
    }

    @Test
    void aFreshTableTakesTheBulkPathAndADuplicateIdFallsBackToUpserts() throws Exception {
        importAll(CUSTOMERS, null, null);
        ImportResult r = importAll(null, "id,customer_id,date,amount\nD1,007,2024-01-01,5\nD2,007,2024-01-02,6\nD1,007,2024-01-03,7\n", null);
        assertEquals(2, store.countOrders(), "the repeated id updates, as on the row-by-row path");
        assertEquals(2, r.orders().inserted());
        assertEquals(1, r.orders().updated());
        assertEquals(7.0, orders().get(0).amount(), "the later row wins");
    }

    @Test
    void aBadRowOnTheBulkPathStopsWithItsPositionAndKeepsNothing() throws Exception {
        importAll(CUSTOMERS, null, null);
        List<String> before = snapshot(store);
        StringBuilder big = new StringBuilder("id,customer_id,date,amount\n");
        for (int i = 0; i < 2500; i++) {
            big.append("B").append(i).append(",007,2024-01-01,").append(i).append('\n');
        }
        big.append("B-bad,C2,2024-01-01,12..5\n");
        ImportException e = assertThrows(ImportException.class, () -> importAll(null, big.toString(), null));
        assertTrue(e.getMessage().endsWith("orders.csv:2502:4: amount: expected a number such as 1234.50, found \"12..5\""), e.getMessage());
        assertEquals(before, snapshot(store));
        assertEquals(0, store.countOrders());
        ImportResult ok = importAll(null, "id,customer_id,date,amount\nG1,007,2024-01-01,5\n", null);
        assertEquals(1, ok.orders().inserted(), "the table is usable after the failed load");
    }

    @Test
    void aLaterFileFailingUndoesTheBulkLoadsBeforeIt() throws Exception {
        // Into an empty database each file is bulk-loaded (Derby's SYSCS_BULK_INSERT: new pages, indexes by
        // sort); the bad interaction comes after, in the same transaction, and must take all of it back.
        StringBuilder orders = new StringBuilder("id,customer_id,date,amount\n");
        for (int i = 0; i < 3000; i++) {
            orders.append("K").append(i).append(",007,2024-01-01,").append(i).append('\n');
        }
        ImportException e = assertThrows(ImportException.class,
                () -> importAll(CUSTOMERS, orders.toString(), "id,customer_id,date,type\nI0,007,2024-01-01,shouting\n"));
        assertTrue(e.getMessage().contains("interactions.csv:2:4: type: expected an interaction type"), e.getMessage());
        assertEquals(0, store.countOrders());
        assertTrue(customers().isEmpty(), "the customers loaded before are gone too");
        ImportResult ok = importAll(CUSTOMERS, orders.toString(), INTERACTIONS);
        assertEquals(3000, ok.orders().inserted(), "the same files load once the bad row is gone");
        assertEquals(3000, store.countOrders());
        assertEquals(1499.0, orders().stream().filter(o -> o.id().equals("K1499")).findFirst().orElseThrow().amount());
        assertEquals(CUSTOMERS.lines().count() - 1, customers().size());
    }

    @Test
    void ordersMayReferToStoredCustomers() throws Exception {
        importAll(CUSTOMERS, null, null);
        ImportResult r = importAll(null, ORDERS, null);
        assertEquals(3, r.orders().inserted());
    }

    @Test
    void aHeaderOnlyFileIsValidAndEmpty() throws Exception {
        ImportResult r = importAll("id,name\n", "id,customer_id,date,amount\n", "id,customer_id,date,type");
        assertEquals(0, r.customers().total() + r.orders().total() + r.interactions().total());
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,name\nX1,Zoë\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        store.importFiles(ImportRequest.of(StoreFixture.writeBytes(tmp, "bom.csv", all), null, null), new NullProgressMonitor());
        assertEquals("Zoë", customers().get("X1").name());
    }

    @Test
    void withAReportTheGoodRowsLandAndTheBadAreListed() throws Exception {
        Path report = tmp.resolve("rejects.csv");
        ImportResult r = store.importFiles(new ImportRequest(write(tmp, "c.csv", "id,created\nA,2024-01-01\nB,2024-13-01\n"),
                write(tmp, "o.csv", "id,customer_id,date,amount\nO1,A,2024-02-01,10\nO2,B,2024-02-01,10\nO3,A,2024-02-01,ten\n"),
                null, report), new NullProgressMonitor());
        assertEquals(1, r.customers().inserted());
        assertEquals(1, r.customers().rejected());
        assertEquals(1, r.orders().inserted());
        assertEquals(2, r.orders().rejected());
        List<String> lines = Files.readAllLines(report);
        assertEquals("file,line,column,reason,values", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains(",3,2,") && lines.get(1).contains("2024-13-01"), lines.get(1));
        assertTrue(lines.get(2).contains("o.csv,3,2,"), lines.get(2));
        assertTrue(lines.get(3).contains("o.csv,4,4,"), lines.get(3));
    }

    @Test
    void aCancelledImportLeavesTheDatabaseAsItWas() throws Exception {
        importAll(CUSTOMERS, ORDERS, INTERACTIONS);
        List<String> before = snapshot(store);
        StringBuilder big = new StringBuilder("id,name\n");
        for (int i = 0; i < 5000; i++) {
            big.append("N").append(i).append(",n\n");
        }
        NullProgressMonitor cancelSoon = new NullProgressMonitor() {
            int calls;

            @Override
            public boolean isCanceled() {
                return ++calls > 2;
            }
        };
        assertThrows(OperationCanceledException.class,
                () -> store.importFiles(ImportRequest.of(write(tmp, "big.csv", big.toString()), null, null), cancelSoon));
        assertEquals(before, snapshot(store));
    }

    @Test
    void everyImportLogsTheCustomersItWroteAndALoadIntoEmptyTablesCountsAsAll() throws Exception {
        importAll(CUSTOMERS, ORDERS, "id,customer_id,date,type\nI0,C3,2024-01-01,call\n"); // import 1: bulk loads
        assertTrue(store.changedCustomers(0).isEmpty(), "a load into empty tables changes everyone");
        assertEquals(java.util.Set.of(), store.changedCustomers(1).orElseThrow(), "nothing since import 1");
        importAll("id,country\nC3,FR\n", "id,customer_id,date,amount\nNEW,007,2024-01-01,5\n", null); // import 2
        importAll(null, null, "id,customer_id,date,type\nI1,C2,2024-01-01,call\n"); // import 3
        assertEquals(java.util.Set.of("C3", "007", "C2"), store.changedCustomers(1).orElseThrow());
        assertEquals(java.util.Set.of("C2"), store.changedCustomers(2).orElseThrow());
        assertEquals(store.changedSince(1), store.changedCustomers(1).orElseThrow(), "the log agrees with a scan of the tables");
        // A dry run and a failed import log nothing.
        store.importFiles(new ImportRequest(null, write(tmp, "dry.csv", "id,customer_id,date,amount\nD1,C3,2024-01-01,5\n"), null, null,
                true), new NullProgressMonitor());
        assertEquals(java.util.Set.of("C2"), store.changedCustomers(2).orElseThrow());
    }

    @Test
    void importExceptionReadsFileLineColumn() {
        ImportException e = new ImportException("orders.csv", 17, 4, "amount: expected a number, found \"x\"");
        assertEquals("orders.csv:17:4: amount: expected a number, found \"x\"", e.getMessage());
    }
}
