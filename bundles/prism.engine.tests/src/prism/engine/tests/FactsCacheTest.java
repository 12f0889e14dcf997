package prism.engine.tests;

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
import prism.engine.FactsCodec;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;
import prism.engine.FactsCache;

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
    void aRunThatChangedFewCustomersSavesOnlyThemAndTheNextReadSeesAll(@TempDir Path tmp) throws Exception {
        List<Facts> base = new ArrayList<>();
        for (int i = 0; i < 3000; i += 2) { // even ids; odd ones arrive later as new customers
            base.add(facts(i, 1));
        }
        Path file = tmp.resolve("facts.cache");
        FactsCache.write(file, new FactsCache.Snapshot(AS_OF, 7, base));
        byte[] baseBytes = Files.readAllBytes(file);

        // 1: two customers changed, one new
        FactsCache.Loaded first = FactsCache.load(file).orElseThrow();
        List<Facts> fresh1 = List.of(facts(10, 5), facts(11, 2), facts(2998, 3));
        List<Facts> all1 = FactsCache.merge(first.snapshot().facts(), fresh1);
        FactsCache.save(file, new FactsCache.Snapshot(AS_OF, 8, all1), first, fresh1);
        assertTrue(java.util.Arrays.equals(baseBytes, Files.readAllBytes(file)), "the base file is left as it was");
        assertTrue(Files.size(FactsCache.changesFile(file)) < Files.size(file) / 100);
        FactsCache.Loaded second = FactsCache.load(file).orElseThrow();
        assertEquals(8, second.snapshot().importSeq());
        assertEquals(encode(all1), encode(second.snapshot().facts()));
        assertEquals(1501, second.snapshot().facts().size());

        // 2: the changes grow, a customer changed twice keeps its latest facts
        List<Facts> fresh2 = List.of(facts(10, 9), facts(13, 1));
        List<Facts> all2 = FactsCache.merge(second.snapshot().facts(), fresh2);
        FactsCache.save(file, new FactsCache.Snapshot(AS_OF, 9, all2), second, fresh2);
        FactsCache.Loaded third = FactsCache.load(file).orElseThrow();
        assertEquals(encode(all2), encode(third.snapshot().facts()));
        assertEquals(encode(List.of(facts(10, 9), facts(11, 2), facts(13, 1), facts(2998, 3))), encode(third.changes()));

        // 3: more than a twentieth (and a thousand) changed: everything becomes the new base
        List<Facts> many = new ArrayList<>();
        for (int i = 1; i < 3000; i += 2) {
            many.add(facts(i, 4));
        }
        List<Facts> all3 = FactsCache.merge(third.snapshot().facts(), many);
        FactsCache.save(file, new FactsCache.Snapshot(AS_OF, 10, all3), third, many);
        assertTrue(Files.notExists(FactsCache.changesFile(file)));
        FactsCache.Loaded fourth = FactsCache.load(file).orElseThrow();
        assertEquals(10, fourth.snapshot().importSeq());
        assertEquals(encode(all3), encode(fourth.snapshot().facts()));
        assertEquals(3000, all3.size());
    }

    @Test
    void changesWrittenForAnotherBaseAreIgnored(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("facts.cache");
        FactsCache.write(file, new FactsCache.Snapshot(AS_OF, 1, List.of(facts(1, 1), facts(2, 1))));
        FactsCache.Loaded loaded = FactsCache.load(file).orElseThrow();
        List<Facts> fresh = List.of(facts(2, 8));
        FactsCache.save(file, new FactsCache.Snapshot(AS_OF, 2, FactsCache.merge(loaded.snapshot().facts(), fresh)), loaded, fresh);
        Path changes = FactsCache.changesFile(file);
        byte[] saved = Files.readAllBytes(changes);
        // Another base at the same place (a full run, say) with the old changes file put back.
        FactsCache.write(file, new FactsCache.Snapshot(AS_OF, 3, List.of(facts(1, 2), facts(2, 2), facts(3, 2))));
        assertTrue(Files.notExists(changes), "a new base removes the old changes");
        Files.write(changes, saved);
        FactsCache.Snapshot back = FactsCache.read(file).orElseThrow();
        assertEquals(3, back.importSeq());
        assertEquals(encode(List.of(facts(1, 2), facts(2, 2), facts(3, 2))), encode(back.facts()));
        Files.write(changes, new byte[] {1, 2, 3}); // damaged: the base alone
        assertEquals(3, FactsCache.read(file).orElseThrow().facts().size());
    }

    /** Customer i with k orders. */
    static Facts facts(int i, int k) {
        FactsBuilder b = new FactsBuilder(new Customer(String.format("C%07d", i), "Name " + i, "individual", null, "DE", null,
                null, null, null, null, null, Map.of()), AS_OF);
        for (int j = 0; j < k; j++) {
            b.order((int) AS_OF.toEpochDay() - j, 10 + j, 0, false, false, Double.NaN);
        }
        return b.build();
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

    /** Merging changed customers into a million cached ones copies the stretches between them: same as a map would. */
    @Test
    void mergeReplacesAndInsertsExactlyAsAMapByIdWould() {
        java.util.Random r = new java.util.Random(5);
        List<Facts> cached = new ArrayList<>();
        java.util.TreeMap<String, Facts> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 5_000; i += 1 + r.nextInt(3)) {
            Facts f = new FactsBuilder(Customer.of(String.format("C%05d", i)), AS_OF).build();
            cached.add(f);
            expected.put(f.customer().id(), f);
        }
        List<Facts> fresh = new ArrayList<>();
        for (int k = 0; k < 400; k++) { // replaced, inserted between, before the first and after the last, twice
            String id = k == 0 ? "A" : k == 1 ? "Z" : String.format("C%05d", r.nextInt(5_000));
            Facts f = new FactsBuilder(Customer.of(id), AS_OF).build();
            fresh.add(f);
            expected.put(id, f); // the later of two changes to one customer wins
        }
        List<Facts> merged = FactsCache.merge(cached, fresh);
        assertEquals(List.copyOf(expected.keySet()), merged.stream().map(f -> f.customer().id()).toList());
        for (Facts f : merged) {
            assertTrue(f == expected.get(f.customer().id()), f.customer().id());
        }
    }

    /**
     * A merge relies on the cached facts being in id order, which the cache checks as it writes and reads
     * them: facts out of order, written, read back, kept from the write or merged twice, merge as a map would.
     */
    @Test
    void factsOutOfIdOrderAreMergedAsAMapWouldWhereverTheyCameFrom(@TempDir Path tmp) throws Exception {
        java.util.Random r = new java.util.Random(11);
        List<Facts> cached = new ArrayList<>();
        java.util.TreeMap<String, Facts> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 9_000; i++) {
            Facts f = new FactsBuilder(Customer.of(String.format("C%05d", i)), AS_OF).build();
            cached.add(f);
            expected.put(f.customer().id(), f);
        }
        java.util.Collections.swap(cached, 100, 8_000); // out of order, far apart: in two windows of the parallel read
        Path file = tmp.resolve("f.cache");
        FactsCache.Loaded kept = FactsCache.saveAndKeep(file, new FactsCache.Snapshot(AS_OF, 1, cached), null, null);
        List<Facts> read = FactsCache.load(file).orElseThrow().snapshot().facts();
        List<Facts> fresh = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            String id = k == 0 ? "A" : String.format("C%05d", r.nextInt(9_500));
            Facts f = new FactsBuilder(Customer.of(id), AS_OF).build();
            fresh.add(f);
            expected.put(id, f);
        }
        List<String> ids = List.copyOf(expected.keySet());
        for (List<Facts> base : List.of(cached, kept.snapshot().facts(), read)) {
            List<Facts> merged = FactsCache.merge(base, fresh);
            assertTrue(ids.equals(merged.stream().map(f -> f.customer().id()).toList()), "the merge is in id order, each customer once");
            Facts extra = new FactsBuilder(Customer.of("C04500x"), AS_OF).build();
            List<Facts> twice = FactsCache.merge(merged, List.of(extra)); // a merge's own output, in order by making
            assertEquals(ids.size() + 1, twice.size());
            assertTrue(twice.get(ids.indexOf("C04501")) == extra, "inserted in id order");
        }
        for (Facts f : FactsCache.merge(kept.snapshot().facts(), fresh)) {
            assertTrue(f == expected.get(f.customer().id()), f.customer().id()); // the later of two changes wins
        }
    }
}
