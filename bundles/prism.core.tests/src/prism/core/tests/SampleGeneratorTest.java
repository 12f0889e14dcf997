package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.sample.SampleGenerator;

class SampleGeneratorTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

    @Test
    void sameSeedSameFiles(@TempDir Path a, @TempDir Path b) throws Exception {
        new SampleGenerator(7, 300, AS_OF).write(a, new NullProgressMonitor());
        new SampleGenerator(7, 300, AS_OF).write(b, new NullProgressMonitor());
        for (String f : List.of("customers.csv", "orders.csv", "interactions.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void otherSeedOtherData(@TempDir Path a, @TempDir Path b) throws Exception {
        new SampleGenerator(7, 300, AS_OF).write(a, new NullProgressMonitor());
        new SampleGenerator(8, 300, AS_OF).write(b, new NullProgressMonitor());
        assertFalse(Files.readString(a.resolve("orders.csv")).equals(Files.readString(b.resolve("orders.csv"))));
    }

    @Test
    void aCustomerDoesNotDependOnTheSize(@TempDir Path small, @TempDir Path big) throws Exception {
        new SampleGenerator(3, 100, AS_OF).write(small, new NullProgressMonitor());
        new SampleGenerator(3, 500, AS_OF).write(big, new NullProgressMonitor());
        List<String> s = Files.readAllLines(small.resolve("customers.csv"));
        List<String> b = Files.readAllLines(big.resolve("customers.csv"));
        assertEquals(s, b.subList(0, s.size()));
    }

    @Test
    void headersLeadingZerosAndNothingAfterTheReferenceDate(@TempDir Path d) throws Exception {
        SampleGenerator.Summary sum = new SampleGenerator(1, 200, AS_OF).write(d, new NullProgressMonitor());
        assertEquals(200, sum.customers());
        List<String> c = Files.readAllLines(d.resolve("customers.csv"));
        assertEquals("id,name,kind,role,country,region,city,industry,plan,created,refused,source", c.get(0));
        assertTrue(c.get(1).startsWith("C0000001,"));
        List<String> o = Files.readAllLines(d.resolve("orders.csv"));
        assertEquals(sum.orders() + 1, o.size());
        for (String line : o.subList(1, o.size())) {
            LocalDate date = LocalDate.parse(line.split(",")[2]);
            assertFalse(date.isAfter(AS_OF), line);
        }
    }
}
