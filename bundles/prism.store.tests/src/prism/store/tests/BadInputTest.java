package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static prism.store.tests.StoreFixture.snapshot;
import static prism.store.tests.StoreFixture.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;

/**
 * Each kind of bad input ends the import with FILE:LINE:COLUMN and what was expected, and the
 * database keeps exactly what it had.
 */
class BadInputTest {

    @TempDir
    Path tmp;
    PrismStore store;
    List<String> before;

    @BeforeEach
    void seed() throws Exception {
        store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")));
        store.importFiles(ImportRequest.of(write(tmp, "c0.csv", ImportTest.CUSTOMERS), write(tmp, "o0.csv", ImportTest.ORDERS),
                write(tmp, "i0.csv", ImportTest.INTERACTIONS)), new NullProgressMonitor());
        before = snapshot(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Imports a good customers file and the given orders and interactions; expects the message. */
    void expect(String expected, String orders, String interactions) throws Exception {
        Path c = write(tmp, "customers.csv", "id,name\nNEW1,Someone new\n007,Changed name\n");
        Path o = orders == null ? null : write(tmp, "orders.csv", orders);
        Path i = interactions == null ? null : write(tmp, "interactions.csv", interactions);
        ImportException e = assertThrows(ImportException.class,
                () -> store.importFiles(ImportRequest.of(c, o, i), new NullProgressMonitor()));
        assertEquals(expected, e.getMessage().replace(tmp.toString() + "/", ""));
        assertEquals(before, snapshot(store), "the database changed");
    }

    static final String OH = "id,customer_id,date,amount,discount,promo,custom,cost\n";
    static final String IH = "id,customer_id,date,type,score,stage,note\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "non-numeric amount|O9,007,2024-01-01,12.5x,,,,|orders.csv:2:4: amount: expected a number such as 1234.50, found \"12.5x\"",
        "amount with a decimal comma|'O9,007,2024-01-01,\"12,50\",,,,'|orders.csv:2:4: amount: expected a number such as 1234.50, found \"12,50\"",
        "impossible date|O9,007,2024-02-30,10,,,,|orders.csv:2:3: date: expected a calendar date (YYYY-MM-DD), found \"2024-02-30\"",
        "date in another format|O9,007,01/02/2024,10,,,,|orders.csv:2:3: date: expected a date YYYY-MM-DD, found \"01/02/2024\"",
        "missing amount|O9,007,2024-01-01,,,,,|orders.csv:2:4: amount: expected an amount, found nothing",
        "unknown customer|O9,NOPE,2024-01-01,10,,,,|orders.csv:2:2: customer_id: expected the id of a stored or imported customer, found \"NOPE\"",
        "bad boolean|O9,007,2024-01-01,10,,yes,,|orders.csv:2:6: promo: expected true or false, found \"yes\"",
        "negative discount|O9,007,2024-01-01,10,-1,,,|orders.csv:2:5: discount: expected a discount of 0 or more, found \"-1\"",
        "too many cells|O9,007,2024-01-01,10,0,false,false,5,extra|orders.csv:2:9: expected 8 columns as in the header row, found 9"})
    void badOrder(String name, String row, String expected) throws Exception {
        expect(expected, OH + row + "\n", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type|I9,007,2024-01-01,fax,,,|interactions.csv:2:4: type: expected an interaction type (call, email, meeting, visit, question, ticket, complaint, quote, review, referral, survey, refusal), found \"fax\"",
        "unknown stage|I9,007,2024-01-01,call,,maybe,|interactions.csv:2:6: stage: expected one of interested, hesitating, not_now, never, found \"maybe\"",
        "score above 10|I9,007,2024-01-01,survey,11,,|interactions.csv:2:5: score: expected a whole number from 0 to 10, found \"11\"",
        "negative score|I9,007,2024-01-01,survey,-1,,|interactions.csv:2:5: score: expected a whole number from 0 to 10, found \"-1\"",
        "fractional score|I9,007,2024-01-01,survey,7.5,,|interactions.csv:2:5: score: expected a whole number from 0 to 10, found \"7.5\"",
        "unknown customer|I9,NOPE,2024-01-01,call,,,|interactions.csv:2:2: customer_id: expected the id of a stored or imported customer, found \"NOPE\""})
    void badInteraction(String name, String row, String expected) throws Exception {
        expect(expected, null, IH + row + "\n");
    }

    @Test
    void missingRequiredColumn() throws Exception {
        expect("orders.csv:1:4: expected a column \"date\" in the header row, found only id,customer_id,amount",
                "id,customer_id,amount\nO9,007,10\n", null);
    }

    @Test
    void unterminatedQuote() throws Exception {
        expect("interactions.csv:3:7: expected a closing quote (\") for the value opened here, found the end of the file",
                null, IH + "I8,007,2024-01-01,call,,,fine\nI9,007,2024-01-01,call,,,\"unfinished note\nand more\n");
    }

    @Test
    void bytesThatAreNotUtf8() throws Exception {
        byte[] head = (IH + "I8,007,2024-01-01,call,,,ok\nI9,007,2024-01-01,call,,,caf").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // Latin-1 é
        all[head.length + 1] = '\n';
        Path i = StoreFixture.writeBytes(tmp, "interactions.csv", all);
        ImportException e = assertThrows(ImportException.class,
                () -> store.importFiles(ImportRequest.of(null, null, i), new NullProgressMonitor()));
        assertEquals("interactions.csv:3:7: expected UTF-8 text, found byte 0xE9", e.getMessage().replace(tmp + "/", ""));
        assertEquals(before, snapshot(store));
    }

    @Test
    void emptyFile() throws Exception {
        expect("orders.csv:1:1: expected a header row, found an empty file", "", null);
    }

    @Test
    void badCustomerValues() throws Exception {
        Path c = write(tmp, "customers.csv", "id,kind,plan,created,refused\nA,individual,free,2024-01-01,true\nB,robot,,,\n");
        ImportException e = assertThrows(ImportException.class,
                () -> store.importFiles(ImportRequest.of(c, null, null), new NullProgressMonitor()));
        assertEquals("customers.csv:3:2: kind: expected one of individual, enterprise, government, found \"robot\"",
                e.getMessage().replace(tmp + "/", ""));
        Path d = write(tmp, "customers.csv", "id,refused\nA,yes\n");
        e = assertThrows(ImportException.class, () -> store.importFiles(ImportRequest.of(d, null, null), new NullProgressMonitor()));
        assertEquals("customers.csv:2:2: refused: expected true or false, found \"yes\"", e.getMessage().replace(tmp + "/", ""));
        assertEquals(before, snapshot(store));
    }

    @Test
    void aBadRowLongAfterTheFirstBatchesRollsEverythingBack() throws Exception {
        StringBuilder orders = new StringBuilder(OH);
        for (int n = 0; n < 3500; n++) {
            orders.append("B").append(n).append(",007,2024-03-01,").append(n).append(",,,,\n");
        }
        orders.append("B-bad,007,2024-03-01,lots,,,,\n");
        expect("orders.csv:3502:4: amount: expected a number such as 1234.50, found \"lots\"", orders.toString(), null);
    }

    @Test
    void aRecordSpanningLinesIsReportedAtItsFirstLine() throws Exception {
        expect("interactions.csv:4:5: score: expected a whole number from 0 to 10, found \"x\"", null,
                IH + "I7,007,2024-01-01,call,,,\"two\nlines\"\nI9,007,2024-01-01,survey,x,,\n");
    }

    @Test
    void duplicateColumn() throws Exception {
        expect("orders.csv:1:5: expected each column once, found \"AMOUNT\" twice", "id,customer_id,date,amount,AMOUNT\n", null);
    }
}
