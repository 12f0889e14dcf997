package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.facts.FactsCodec;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;
import prism.core.run.FactsCache;

/** The facts cache is written and read in parallel windows: what comes back must be exactly what went in. */
class FactsCacheTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @Test
    void moreCustomersThanAWindowComeBackExactlyAndInOrder(@TempDir Path tmp) throws Exception {
        List<Facts> facts = new ArrayList<>();
        int asOf = (int) AS_OF.toEpochDay();
        for (int i = 0; i < 70_001; i++) { // more than one write window of 65,536
            Customer c = new Customer(String.format("C%07d", i), i % 3 == 0 ? null : "Name " + i + " é", "enterprise", null,
                    i % 5 == 0 ? "DE" : "JP", "Région", null, null, i % 2 == 0 ? "free" : "paid",
                    i % 7 == 0 ? null : LocalDate.of(2020, 1, 1).plusDays(i % 900), i % 11 == 0 ? Boolean.TRUE : null,
                    i % 13 == 0 ? Map.of("source", "fair", "tier", "gold") : Map.of());
            FactsBuilder b = new FactsBuilder(c, AS_OF);
            for (int k = 0; k < i % 4; k++) {
                b.order(asOf - 10 * k - i % 400, 10.25 * k + i % 97, k % 2, k == 1, k == 2, k == 3 ? Double.NaN : 5.5);
            }
            if (i % 6 == 0) {
                b.interactionInOrder(asOf - 3, InteractionType.SURVEY, i % 11, i % 12 == 0 ? Stage.NOT_NOW : null);
            }
            facts.add(b.build());
        }
        Path file = tmp.resolve("facts.cache");
        FactsCache.write(file, new FactsCache.Snapshot(AS_OF, 42, facts));
        FactsCache.Snapshot back = FactsCache.read(file).orElseThrow();
        assertEquals(AS_OF, back.asOf());
        assertEquals(42, back.importSeq());
        assertEquals(encode(facts), encode(back.facts()));
        assertTrue(Files.size(file) > 70_001 * 50);
    }

    @Test
    void aDamagedOrForeignFileIsNoCache(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("facts.cache");
        Files.write(file, new byte[] {0, 0, 0, 1, 2, 3});
        assertTrue(FactsCache.read(file).isEmpty());
        assertTrue(FactsCache.read(tmp.resolve("none.cache")).isEmpty());
    }

    static List<String> encode(List<Facts> facts) throws Exception {
        List<String> out = new ArrayList<>(facts.size());
        for (Facts f : facts) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            FactsCodec.write(new DataOutputStream(b), f);
            out.add(java.util.HexFormat.of().formatHex(b.toByteArray()));
        }
        return out;
    }
}
