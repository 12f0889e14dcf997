package prism.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.cli.tests.CliHarness.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import prism.cli.Cli;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.SchemeRegistry;

/**
 * The defects a reliability probe found (issue 23), each as the user met it on the command line: lost
 * input, wrong classes without a warning, errors without a position, silent failures.
 */
class ProbeDefectsTest {

    static final String AS_OF = "2026-03-31";
    static final String CUSTOMERS = "id,name,country\nA,Alpha,DE\nB,Beta,FR\nC,Gamma,US\nD,Delta,DE\nE,Epsilon,DE\n";
    static final String ORDERS = "id,customer_id,date,amount\n1,A,2026-01-10,100\n2,B,2026-02-10,200\n3,C,2026-03-01,300\n"
            + "4,D,2026-03-02,400\n5,E,2026-03-03,500\n";

    @TempDir
    Path tmp;
    Path db;

    @BeforeEach
    void paths() {
        db = tmp.resolve("db");
    }

    Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    CliHarness.Result cli(String... args) throws Exception {
        return run(args);
    }

    void seed() throws Exception {
        assertEquals(0, cli("import", "--db", db.toString(), "--customers", write("c.csv", CUSTOMERS).toString(),
                "--orders", write("o.csv", ORDERS).toString()).code());
    }

    String export(Path database) throws Exception {
        CliHarness.Result e = cli("export", "--db", database.toString(), "--out", "-");
        assertEquals(0, e.code(), e.err());
        return e.out();
    }

    // ------------------------------------------------------------------ 1. --rejects onto an input

    @Test
    void aRejectsReportNamingAnInputIsRefusedAndTheInputKept() throws Exception {
        seed();
        Path orders = write("orders.csv", "id,customer_id,date,amount\n10,A,2026-01-01,5\n11,NOBODY,2026-01-01,5\n");
        byte[] before = Files.readAllBytes(orders);
        CliHarness.Result r = cli("import", "--db", db.toString(), "--orders", orders.toString(), "--rejects", orders.toString());
        assertEquals(Cli.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("is the input file"), r.err());
        assertArrayEquals(before, Files.readAllBytes(orders), "the input was changed");
        // the same file through a link
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), orders);
        assertEquals(Cli.USAGE, cli("import", "--db", db.toString(), "--orders", orders.toString(), "--rejects", link.toString()).code());
        assertArrayEquals(before, Files.readAllBytes(orders), "the input was changed through a link");
    }

    @Test
    void aFailedImportLeavesTheOldReportAsItWas() throws Exception {
        seed();
        Path report = write("report.csv", "an earlier report\n");
        Path orders = write("orders.csv", "id,customer_id,date,amount\n");
        Path missing = tmp.resolve("no-such.csv");
        CliHarness.Result r = cli("import", "--db", db.toString(), "--orders", orders.toString(), "--interactions", missing.toString(),
                "--rejects", report.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertEquals("an earlier report\n", Files.readString(report));
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "a temporary report was left behind");
        }
    }

    // ------------------------------------------------------------------ 2. a restored database folder

    @Test
    void aDatabaseFolderRestoredFromABackupNeverReadsTheDerivedFilesOfItsFuture() throws Exception {
        seed();
        assertEquals(0, cli("classify", "--db", db.toString(), "--as-of", AS_OF).code());
        Path backup = tmp.resolve("backup");
        copyTree(db, backup);
        // After the backup: a big order for A, classified (the derived files now know it)
        assertEquals(0, cli("import", "--db", db.toString(), "--orders",
                write("big.csv", "id,customer_id,date,amount\n90,A,2026-03-20,900000\n").toString()).code());
        assertEquals(0, cli("classify", "--db", db.toString(), "--as-of", AS_OF).code());
        assertTrue(export(db).contains("A,value.tier,high,"), "A is high with the big order");
        // The folder restored, the files beside it kept; something else imported
        deleteTree(db);
        copyTree(backup, db);
        Path other = write("other.csv", "id,customer_id,date,amount\n91,B,2026-03-21,1\n");
        assertEquals(0, cli("import", "--db", db.toString(), "--orders", other.toString()).code());
        CliHarness.Result c = cli("classify", "--db", db.toString(), "--as-of", AS_OF);
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("restored from a backup?"), c.err());
        // What a database that never saw the big order gives
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, cli("import", "--db", fresh.toString(), "--customers", tmp.resolve("c.csv").toString(), "--orders",
                tmp.resolve("o.csv").toString()).code());
        assertEquals(0, cli("import", "--db", fresh.toString(), "--orders", other.toString()).code());
        assertEquals(0, cli("classify", "--db", fresh.toString(), "--as-of", AS_OF).code());
        assertFalse(export(db).contains("A,value.tier,high,"), "A kept an order the restored database does not have");
        assertEquals(classesOf(export(fresh)), classesOf(export(db)));
    }

    // ------------------------------------------------------------------ 3. damaged derived files

    /** A data set large enough that the derived files span several checksum blocks. */
    void seedLarge() throws Exception {
        Path data = tmp.resolve("data");
        assertEquals(0, cli("generate", "--customers", "3000", "--out", data.toString(), "--seed", "5", "--as-of", AS_OF).code());
        assertEquals(0, cli("import", "--db", db.toString(), "--customers", data.resolve("customers.csv").toString(), "--orders",
                data.resolve("orders.csv").toString(), "--interactions", data.resolve("interactions.csv").toString()).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncate8", "truncate1000", "flip100", "zeroBody", "oneByte"})
    void aDamagedColumnSnapshotIsDroppedRebuiltAndSaidSo(String damage) throws Exception {
        seedLarge();
        Path columns = tmp.resolve("db-columns.bin");
        assertTrue(Files.exists(columns), "the import wrote the column snapshot");
        damage(columns, damage);
        CliHarness.Result c = cli("classify", "--db", db.toString(), "--as-of", AS_OF, "--full", "true");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("column snapshot") && c.err().contains("damaged"), c.err());
        assertTrue(c.out().startsWith("Run 1: 3,000 customers"), c.out());
        String afterDamage = export(db);
        // Against the same data classified with no damage at all
        Path clean = tmp.resolve("clean");
        Path data = tmp.resolve("data");
        assertEquals(0, cli("import", "--db", clean.toString(), "--customers", data.resolve("customers.csv").toString(), "--orders",
                data.resolve("orders.csv").toString(), "--interactions", data.resolve("interactions.csv").toString()).code());
        assertEquals(0, cli("classify", "--db", clean.toString(), "--as-of", AS_OF).code());
        assertEquals(export(clean), afterDamage);
    }

    @Test
    void aZeroedSnapshotAndASmallImportStillClassifyEveryCustomer() throws Exception {
        seedLarge();
        damage(tmp.resolve("db-columns.bin"), "zeroBody");
        assertEquals(0, cli("import", "--db", db.toString(), "--orders",
                write("one.csv", "id,customer_id,date,amount\nX1,C0000001,2026-03-01,10\n").toString()).code());
        CliHarness.Result c = cli("classify", "--db", db.toString(), "--as-of", AS_OF);
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("Run 1: 3,000 customers"), c.out());
    }

    @Test
    void anEditedFactsCacheIsDroppedAndTheFactsComputedAgain() throws Exception {
        seedLarge();
        assertEquals(0, cli("classify", "--db", db.toString(), "--as-of", AS_OF).code());
        String first = export(db);
        Path facts;
        try (Stream<Path> s = Files.list(tmp)) {
            facts = s.filter(p -> p.getFileName().toString().matches("db-facts-[0-9a-f]+\\.cache")).findFirst().orElseThrow();
        }
        damage(facts, "oneByte");
        CliHarness.Result c = cli("classify", "--db", db.toString(), "--as-of", AS_OF);
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("facts cache") && c.err().contains("damaged"), c.err());
        assertEquals(classesOf(first), classesOf(export(db)));
    }

    static void damage(Path file, String how) throws Exception {
        byte[] b = Files.readAllBytes(file);
        switch (how) {
            case "truncate8" -> b = Arrays.copyOf(b, b.length - 8);
            case "truncate1000" -> b = Arrays.copyOf(b, b.length - 1000);
            case "flip100" -> {
                for (int i = 0; i < 100; i++) {
                    b[b.length / 2 + i] ^= (byte) 0x5A;
                }
            }
            case "zeroBody" -> Arrays.fill(b, 64, b.length, (byte) 0);
            case "oneByte" -> b[b.length / 3] ^= 1;
            default -> throw new IllegalArgumentException(how);
        }
        Files.write(file, b);
    }

    // ------------------------------------------------------------------ 4. errors that must not be silent

    @Test
    void outOfMemoryInARunEndsWithAMessageAndExit3() throws Exception {
        seed();
        ClassificationScheme hungry = new ClassificationScheme() {
            @Override public String id() { return "test.hungry"; }
            @Override public String name() { return "Hungry"; }
            @Override public String description() { return "runs out of memory"; }
            @Override public List<SchemeClass> classes() { return List.of(new SchemeClass("x", "X", "#000000", "", "")); }
            @Override public Classifier prepare(RunContext run) { throw new OutOfMemoryError("Java heap space"); }
        };
        SchemeRegistry registry = new SchemeRegistry() {
            @Override public List<InstalledScheme> schemes() { return List.of(new InstalledScheme(hungry, "test", "1.0.0")); }
            @Override public void addListener(Runnable listener) { }
            @Override public void removeListener(Runnable listener) { }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(registry, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()).run("classify", "--db", db.toString(), "--as-of", AS_OF);
        assertEquals(Cli.FAILURE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("out of memory"), err.toString(StandardCharsets.UTF_8));
        assertEquals("(no stored run)\n", cli("runs", "--db", db.toString()).out(), "nothing half-done was kept");
    }

    @Test
    void aBadByteAtTheEndOfALargeFileIsFoundWithItsLineAndColumn() throws Exception {
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("K").append(i).append(",Name ").append(i).append('\n');
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "Z1,ab\u00ffc\n".getBytes(StandardCharsets.ISO_8859_1); // 0xFF is never UTF-8
        byte[] bad = Arrays.copyOf(text, text.length + tail.length);
        System.arraycopy(tail, 0, bad, text.length, tail.length);
        Path f = tmp.resolve("big.csv");
        Files.write(f, bad);
        CliHarness.Result r = cli("import", "--db", db.toString(), "--customers", f.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(f + ":200002:2: expected UTF-8 text, found byte 0xFF"), r.err());
    }

    // ------------------------------------------------------------------ 5. amounts beyond exact sums

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "6e14", "10000000000000", "1234567890.1234567", "1e309"})
    void anAmountBeyondWhatTheStoreSumsExactlyIsBadInput(String amount) throws Exception {
        seed();
        Path o = write("huge.csv", "id,customer_id,date,amount\n70,A,2026-03-01,5\n71,B,2026-03-01," + amount + "\n");
        CliHarness.Result r = cli("import", "--db", db.toString(), "--orders", o.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(o + ":3:4: amount: expected an amount of at most 15 significant digits"), r.err());
    }

    @Test
    void theLargestAmountsStillSumExactly() throws Exception {
        seed();
        Path o = write("large.csv", "id,customer_id,date,amount\n70,A,2026-03-01,9999999999999.99\n71,A,2026-03-02,9999999999999.99\n");
        assertEquals(0, cli("import", "--db", db.toString(), "--orders", o.toString()).code());
        assertEquals(0, cli("classify", "--db", db.toString(), "--as-of", AS_OF).code());
        assertTrue(export(db).contains("A,value.tier,high,"), "the top spender is high");
    }

    // ------------------------------------------------------------------ 6. values longer than their columns

    @Test
    void valuesLongerThanTheirColumnsAreBadInputWithTheirPosition() throws Exception {
        seed();
        String longName = "n".repeat(256);
        Path c = write("long.csv", "id,name\nOK1,Fine\nL1," + longName + "\n");
        String err = badImport("--customers", c);
        assertTrue(err.contains(c + ":3:2: name: expected a value of at most 255 characters"), err);
        assertTrue(err.length() < 1000, "the value is not echoed whole");
        // With a report, the row is rejected and the others land
        Path report = tmp.resolve("rejects.csv");
        CliHarness.Result k = cli("import", "--db", db.toString(), "--customers", c.toString(), "--rejects", report.toString());
        assertEquals(0, k.code(), k.err());
        assertTrue(Files.readString(report).contains("at most 255 characters"));
        Path ix = write("ix.csv", "id,customer_id,date,type,note\n" + "i".repeat(65) + ",A,2026-01-01,call,\n");
        assertTrue(badImport("--interactions", ix).contains(ix + ":2:1: id: expected an interaction id of at most 64 characters"));
        Path note = write("note.csv", "id,customer_id,date,type,note\nN1,A,2026-01-01,call," + "x".repeat(4001) + "\n");
        assertTrue(badImport("--interactions", note).contains(note + ":2:5: note:"));
        Path region = write("region.csv", "id,region\nR1," + "r".repeat(129) + "\n");
        assertTrue(badImport("--customers", region).contains(region + ":2:2: region:"));
    }

    @Test
    void aHeaderTooLongForAnAttributeNameIsBadInputAndNotEchoedWhole() throws Exception {
        String header = "h".repeat(5_000_000);
        Path c = write("header.csv", "id," + header + "\nA,1\n");
        String err = badImport("--customers", c);
        assertTrue(err.contains(c + ":1:2: expected a column name of at most 128 characters"), err);
        assertTrue(err.length() < 1000, "a 5 MB header was echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01", "0000-01-01"})
    void datesOutsideYearsOneTo9999AreBadInput(String date) throws Exception {
        seed();
        Path o = write("dates.csv", "id,customer_id,date,amount\n80," + "A," + date + ",5\n");
        CliHarness.Result r = cli("import", "--db", db.toString(), "--orders", o.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(o + ":2:3: date: expected a date of a year from 1 to 9999"), r.err());
        assertEquals(Cli.USAGE, cli("classify", "--db", db.toString(), "--as-of", date).code());
    }

    // ------------------------------------------------------------------ 7. export onto a directory

    @Test
    void anExportOntoADirectoryOrIntoAMissingOneIsRefused() throws Exception {
        seed();
        assertEquals(0, cli("classify", "--db", db.toString(), "--as-of", AS_OF).code());
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliHarness.Result r = cli("export", "--db", db.toString(), "--out", dir.toString());
        assertEquals(Cli.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
        CliHarness.Result m = cli("export", "--db", db.toString(), "--out", tmp.resolve("nowhere/out.csv").toString());
        assertEquals(Cli.USAGE, m.code(), m.err());
        assertTrue(m.err().contains("does not exist"), m.err());
        assertFalse(m.err().contains("\tat "), "a stack trace: " + m.err());
        try (Stream<Path> s = Files.walk(tmp)) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".part")), "a .part file was left behind");
        }
    }

    // ------------------------------------------------------------------ 8. the smaller ones

    @ParameterizedTest
    @ValueSource(strings = {"value.tier.highShare=-5", "value.tier.highShare=0.6", "lifecycle.stage.lapsingDays=-1",
            "lifecycle.stage.lapsingDays=400", "personality.type.angryScore=11"})
    void contradictoryOrOutOfRangeSettingsAreRefused(String setting) throws Exception {
        seed();
        CliHarness.Result r = cli("classify", "--db", db.toString(), "--as-of", AS_OF, "--set", setting);
        assertEquals(Cli.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--set"), r.err());
        assertEquals("(no stored run)\n", cli("runs", "--db", db.toString()).out());
    }

    /** Ids are trimmed (DESIGN: cells as spreadsheets write them): "\t=1+1" and "=1+1" are one customer, and the counts say so. */
    @Test
    void idsDifferingOnlyInSurroundingWhitespaceAreOneCustomer() throws Exception {
        Path c = write("ws.csv", "id,name\n\"\t=1+1\",Tab\n=1+1,Plain\n");
        CliHarness.Result r = cli("import", "--db", db.toString(), "--customers", c.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)customers: +1 new, +1 updated.*"), r.out());
    }

    @Test
    void anEmptyDbNameAndAPasswordInAJdbcUrlAreRefused() throws Exception {
        assertEquals(Cli.USAGE, cli("runs", "--db", "").code());
        CliHarness.Result r = cli("runs", "--jdbc", "jdbc:postgresql://localhost/prism?user=a&password=s3cret");
        assertEquals(Cli.USAGE, r.code(), r.err());
        assertFalse(r.err().contains("s3cret"), r.err());
        CliHarness.Result u = cli("runs", "--jdbc", "jdbc:postgresql://a:s3cret@localhost/prism");
        assertEquals(Cli.USAGE, u.code(), u.err());
        assertFalse(u.err().contains("s3cret"), u.err());
    }

    @Test
    void whatAKilledProcessLeftIsCleanedAndTheRecoverySaid() throws Exception {
        seed();
        Path spill = Files.createDirectories(tmp.resolve("db-tmp")).resolve("prism-orders123.rows");
        Files.write(spill, new byte[4096]);
        Path half = write("db-columns.bin.tmp", "half a snapshot");
        // A marker naming a process that is gone, as a kill -9 leaves it
        long dead = ProcessHandle.current().pid() + 1_000_000;
        Files.writeString(tmp.resolve("db-open.pid"), Long.toString(dead));
        CliHarness.Result r = cli("runs", "--db", db.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("recovering the database"), r.err());
        assertFalse(Files.exists(spill), "an import's spill file was left");
        assertFalse(Files.exists(half), "a half-written snapshot was left");
        assertFalse(Files.exists(tmp.resolve("db-open.pid")), "the marker outlived the command");
        assertFalse(cli("runs", "--db", db.toString()).err().contains("recovering"), "a clean close needs no recovery");
    }

    // ------------------------------------------------------------------ helpers

    /** Imports one file that must be refused as bad input; returns what was said. */
    String badImport(String option, Path file) throws Exception {
        CliHarness.Result r = cli("import", "--db", db.toString(), option, file.toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        return r.err();
    }

    static Map<String, String> classesOf(String export) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String line : export.split("\n")) {
            String[] f = line.split(",", 4);
            if (f.length >= 3 && !f[0].equals("customer_id")) {
                m.put(f[0] + "/" + f[1], f[2]);
            }
        }
        return m;
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
