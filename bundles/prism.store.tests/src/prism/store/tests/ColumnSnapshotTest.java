package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.store.tests.StoreFixture.write;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.core.facts.Facts;
import prism.engine.FactsCodec;
import prism.engine.RunEngine;
import prism.sample.SampleGenerator;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.store.StoreConfig;

/** Full runs read a column snapshot of the store: its facts must be exactly those read through JDBC. */
class ColumnSnapshotTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /** The import's rows wait for the snapshot in temporary files, not in the heap: none may outlive the import. */
    @Test
    void theImportsTemporaryFilesAreGoneAfterItWhetherItLoadsOrFails(@TempDir Path tmp) throws Exception {
        new SampleGenerator(5, 300, AS_OF).write(tmp.resolve("data"), new NullProgressMonitor());
        Path bad = write(tmp, "bad-interactions.csv", Files.readString(tmp.resolve("data/interactions.csv"))
                + "IX-BAD,C0000001,2026-01-05,shouting,,,\n");
        List<Path> before = spills();
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            assertThrows(prism.store.ImportException.class, () -> store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"),
                    tmp.resolve("data/orders.csv"), bad), new NullProgressMonitor()));
            assertEquals(before, spills(), "after a failed import");
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"),
                    tmp.resolve("data/interactions.csv")), new NullProgressMonitor());
            assertTrue(Files.isRegularFile(store.columnSnapshotFile().orElseThrow()), "the snapshot written from them");
            assertEquals(before, spills(), "after an import");
        }
    }

    private static List<Path> spills() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("prism-") && f.getFileName().toString().endsWith(".rows"))
                    .sorted().toList();
        }
    }

    @Test
    void snapshotFactsEqualJdbcFactsForEveryAsOfDate(@TempDir Path tmp) throws Exception {
        new SampleGenerator(11, 2_000, AS_OF).write(tmp.resolve("data"), new NullProgressMonitor());
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(tmp.resolve("data/customers.csv"), tmp.resolve("data/orders.csv"),
                    tmp.resolve("data/interactions.csv")), new NullProgressMonitor());
            // The import into the empty database wrote the snapshot of what it loaded: it must be what Derby holds.
            Path file = store.columnSnapshotFile().orElseThrow();
            assertTrue(Files.isRegularFile(file), "written by the import");
            java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
            assertEquals(encode(RunEngine.computeFacts(store.source(), AS_OF, new NullProgressMonitor())),
                    encode(store.facts(AS_OF, true, new NullProgressMonitor()).facts()), "the import's snapshot");
            assertEquals(written, Files.getLastModifiedTime(file), "used as it was, not rebuilt");
            // Same-day interactions with a score and a stage: the "latest" tie must go to the greater id either way.
            store.importFiles(new ImportRequest(write(tmp, "tie-customers.csv", "id\nTIE1\nTIE2\n"), null, write(tmp, "ties.csv",
                    "id,customer_id,date,type,score,stage\nT2,TIE1,2026-06-01,survey,3,\nT1,TIE1,2026-06-01,survey,9,\n"
                            + "T9,TIE2,2026-06-02,call,,never\nT10,TIE2,2026-06-02,call,,interested\n"), null),
                    new NullProgressMonitor());
            for (LocalDate asOf : List.of(AS_OF, AS_OF.minusDays(200), LocalDate.of(2019, 1, 1))) {
                List<Facts> viaSnapshot = store.facts(asOf, true, new NullProgressMonitor()).facts();
                List<Facts> viaJdbc = RunEngine.computeFacts(store.source(), asOf, new NullProgressMonitor());
                assertEquals(2_002, viaSnapshot.size());
                assertEquals(encode(viaJdbc), encode(viaSnapshot), "facts as of " + asOf);
            }
            List<Facts> all = store.facts(AS_OF, true, new NullProgressMonitor()).facts();
            // An incremental run reads only the changed customers, in chunks on two connections: the same facts.
            List<String> chosen = new ArrayList<>();
            List<Facts> expected = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0; i -= 3) { // given out of order, as a set of changes is
                chosen.add(all.get(i).customer().id());
                expected.add(0, all.get(i));
            }
            chosen.add("NOT-A-CUSTOMER");
            assertTrue(chosen.size() > 400, "enough ids for several chunks on each connection");
            assertEquals(encode(expected), encode(RunEngine.computeFacts(store.source(chosen), AS_OF, new NullProgressMonitor())),
                    "the chosen customers' facts");
            assertEquals(3, byId(all, "TIE1").lastScore(), "T2 > T1 on the same day");
            assertEquals("NEVER", byId(all, "TIE2").pipelineStage().name(), "T9 > T10 as strings");

            // An import makes it stale: the next full run rebuilds it and sees the new order.
            double revenue = byId(store.facts(AS_OF, true, new NullProgressMonitor()).facts(), "C0000020").revenue();
            store.importFiles(new ImportRequest(null, write(tmp, "o.csv", "id,customer_id,date,amount\nNEW1,C0000020,2026-06-29,1000.25\n"),
                    null, null), new NullProgressMonitor());
            List<Facts> after = store.facts(AS_OF, true, new NullProgressMonitor()).facts();
            assertEquals(revenue + 1000.25, byId(after, "C0000020").revenue(), 1e-9);
            assertEquals(encode(RunEngine.computeFacts(store.source(), AS_OF, new NullProgressMonitor())), encode(after));
        }
    }

    /** A snapshot rebuilt from the database after an import is kept, sealed, and what the next run reads. */
    @Test
    void aRebuiltSnapshotIsKeptForTheNextRun(@TempDir Path tmp) throws Exception {
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            store.importFiles(ImportRequest.of(write(tmp, "c.csv", "id,country\nA,DE\nB,FR\n"), null, null), new NullProgressMonitor());
            store.importFiles(new ImportRequest(null, write(tmp, "o.csv", "id,customer_id,date,amount\n1,A,2026-01-01,10\n"), null, null),
                    new NullProgressMonitor()); // into a database with rows: the snapshot is stale now
            Path file = store.columnSnapshotFile().orElseThrow();
            store.facts(AS_OF, true, new NullProgressMonitor()); // rebuilds it
            assertTrue(Files.exists(file), "the rebuilt snapshot was dropped");
            assertTrue(Files.exists(prism.engine.DerivedFiles.sumFile(file)));
            java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(file);
            Thread.sleep(20);
            assertEquals(10.0, store.facts(AS_OF, true, new NullProgressMonitor()).facts().get(0).revenue());
            assertEquals(built, Files.getLastModifiedTime(file), "the next run rebuilt it again");
        }
    }

    @Test
    void aSnapshotOfAnotherDatabaseIsNeverRead(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("db");
        Path customers = write(tmp, "c.csv", "id,country\nA,DE\n");
        Path orders = write(tmp, "o.csv", "id,customer_id,date,amount\n1,A,2026-01-01,10\n");
        try (PrismStore store = PrismStore.open(StoreConfig.derby(db))) {
            store.importFiles(ImportRequest.of(customers, orders, null), new NullProgressMonitor());
            assertEquals(10.0, store.facts(AS_OF, true, new NullProgressMonitor()).facts().get(0).revenue());
        }
        // The database is deleted and made again at the same path, with the same import number.
        try (var w = Files.walk(db)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (PrismStore store = PrismStore.open(StoreConfig.derby(db))) {
            store.importFiles(ImportRequest.of(customers, write(tmp, "o2.csv", "id,customer_id,date,amount\n1,A,2026-01-01,99\n"), null),
                    new NullProgressMonitor());
            assertEquals(99.0, store.facts(AS_OF, true, new NullProgressMonitor()).facts().get(0).revenue());
            assertEquals(99.0, store.facts(AS_OF, false, new NullProgressMonitor()).facts().get(0).revenue());
        }
    }

    static Facts byId(List<Facts> facts, String id) {
        return facts.stream().filter(f -> f.customer().id().equals(id)).findFirst().orElseThrow();
    }

    static List<String> encode(List<Facts> facts) throws IOException {
        List<String> out = new ArrayList<>();
        for (Facts f : facts) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            FactsCodec.write(new DataOutputStream(b), f);
            out.add(f.customer().id() + " " + java.util.HexFormat.of().formatHex(b.toByteArray()));
        }
        return out;
    }
}
