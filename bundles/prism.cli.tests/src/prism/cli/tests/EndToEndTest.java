package prism.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.cli.tests.CliHarness.classes;
import static prism.cli.tests.CliHarness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.cli.Cli;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;

/** generate → import → classify → export through the command line, on a real Derby database. */
class EndToEndTest {

    static final String AS_OF = "2026-03-31";

    @TempDir
    static Path tmp;
    static Path data;
    static String db;
    static Map<String, String> classes;

    @BeforeAll
    static void pipeline() throws Exception {
        data = tmp.resolve("data");
        db = tmp.resolve("db").toString();
        CliHarness.Result g = run("generate", "--customers", "3000", "--out", data.toString(), "--seed", "11", "--as-of", AS_OF);
        assertEquals(0, g.code(), g.err());
        CliHarness.Result i = run("import", "--db", db, "--customers", data.resolve("customers.csv").toString(),
                "--orders", data.resolve("orders.csv").toString(), "--interactions", data.resolve("interactions.csv").toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("3,000 new"), i.out());
        CliHarness.Result c = run("classify", "--db", db, "--as-of", AS_OF);
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("Run 1: 3,000 customers, 6 schemes, as of " + AS_OF), c.out());
        Path out = tmp.resolve("export.csv");
        CliHarness.Result e = run("export", "--db", db, "--out", out.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(List.of("customer_id", "scheme", "class", "score", "explanation"), CliHarness.header(out));
        classes = classes(out);
    }

    static String cls(String customer, String scheme) {
        return classes.get(customer + "/" + scheme);
    }

    /**
     * The export of this seeded data set, as the product made it before the engine's redesign (commit
     * ddadb2b): a change of the engine, the schemes or the store must keep every byte of it, or say why
     * and record the new digest.
     */
    @Test
    void theExportIsByteForByteWhatItWasBeforeTheEngineRedesign() throws Exception {
        byte[] export = Files.readAllBytes(tmp.resolve("export.csv"));
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(export));
        assertEquals("e57287bb2e988630227f0217fe7e0998ee06c1abb6aa3ee23068e6a72e805208", digest);
    }

    @Test
    void everyCustomerHasAClassInEveryScheme() {
        assertEquals(3000 * 6, classes.size());
    }

    @Test
    void theShowcaseCustomersHaveTheirClasses() {
        assertEquals("unprofitable", cls("C0000001", "lifecycle.stage"), "refused");
        assertEquals("local", cls("C0000001", "geography.zone"));
        assertEquals("potential", cls("C0000002", "lifecycle.stage"));
        assertEquals("free", cls("C0000002", "personality.type"));
        assertEquals("international-asia", cls("C0000002", "geography.zone"));
        assertEquals("none", cls("C0000002", "value.tier"));
        assertEquals("none", cls("C0000002", "value.rfm"));
        assertEquals("angry", cls("C0000003", "personality.type"));
        assertEquals("international-americas", cls("C0000003", "geography.zone"), "country written 'us'");
        assertEquals("lost", cls("C0000004", "lifecycle.stage"));
        assertEquals("national", cls("C0000004", "geography.zone"));
        assertEquals("lapsing", cls("C0000005", "lifecycle.stage"));
        assertEquals("quoted_no_feedback", cls("C0000005", "lifecycle.pipeline"));
        assertEquals("international-europe", cls("C0000005", "geography.zone"));
        assertEquals("unknown", cls("C0000006", "geography.zone"));
        assertEquals("interested", cls("C0000006", "lifecycle.pipeline"));
        assertEquals("demanding", cls("C0000007", "personality.type"));
        assertEquals("international-oceania", cls("C0000007", "geography.zone"));
        assertEquals("high", cls("C0000008", "value.tier"));
        assertEquals("champions", cls("C0000008", "value.rfm"));
        assertEquals("regular", cls("C0000008", "lifecycle.stage"));
    }

    @Test
    void generatedDataShowsEveryClassOfEveryScheme() throws Exception {
        for (InstalledScheme s : CliHarness.registry().schemes()) {
            Set<String> seen = new HashSet<>();
            classes.forEach((k, v) -> {
                if (k.endsWith("/" + s.id())) {
                    seen.add(v);
                }
            });
            for (SchemeClass c : s.scheme().classes()) {
                assertTrue(seen.contains(c.id()), s.id() + " has no customer in class " + c.id());
            }
        }
    }

    @Test
    void settingsChangeTheResultAndAreStoredWithTheRun() throws Exception {
        CliHarness.Result c = run("classify", "--db", db, "--as-of", AS_OF, "--scheme", "geography.zone",
                "--set", "geography.zone.homeCountry=FR", "--set", "geography.zone.homeRegion=Île-de-France");
        assertEquals(0, c.code(), c.err());
        int run = Integer.parseInt(c.out().substring(4, c.out().indexOf(':')));
        Path out = tmp.resolve("fr.csv");
        assertEquals(0, run("export", "--db", db, "--out", out.toString(), "--run", Integer.toString(run)).code());
        Map<String, String> fr = classes(out);
        assertEquals("local", fr.get("C0000005/geography.zone"));
        assertEquals("international-europe", fr.get("C0000001/geography.zone"));
        assertEquals(3000, fr.size(), "only the chosen scheme");
        CliHarness.Result runs = run("runs", "--db", db);
        assertTrue(runs.out().contains("Run " + run + "  as of " + AS_OF), runs.out());
    }

    @Test
    void exportToStandardOutputAndOfOneScheme() throws Exception {
        CliHarness.Result e = run("export", "--db", db, "--out", "-", "--run", "1", "--scheme", "value.tier");
        assertEquals(0, e.code(), e.err());
        String[] lines = e.out().split("\n");
        assertEquals(3001, lines.length);
        assertTrue(lines[1].startsWith("C0000001,value.tier,"), lines[1]);
    }

    @Test
    void badInputIsExitOneWithFileLineColumnAndChangesNothing() throws Exception {
        Path bad = tmp.resolve("bad-orders.csv");
        Files.writeString(bad, "id,customer_id,date,amount\nX1,C0000001,2026-01-01,12\nX2,C0000001,2026-02-31,5\n");
        CliHarness.Result r = run("import", "--db", db, "--orders", bad.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains(bad + ":3:3: date: expected a calendar date (YYYY-MM-DD), found \"2026-02-31\""), r.err());
        CliHarness.Result again = run("export", "--db", db, "--out", "-", "--run", "1", "--scheme", "value.tier");
        assertEquals(3001, again.out().split("\n").length);
        CliHarness.Result missing = run("import", "--db", db, "--orders", tmp.resolve("nope.csv").toString());
        assertEquals(Cli.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("nope.csv:1:1: expected a readable file"), missing.err());
    }

    @Test
    void usageErrorsAreExitTwo() throws Exception {
        assertEquals(Cli.USAGE, run("frobnicate").code());
        assertEquals(Cli.USAGE, run("classify", "--db", db, "--scheme", "no.such").code());
        assertEquals(Cli.USAGE, run("classify", "--db", db, "--set", "value.tier.nope=1").code());
        assertEquals(Cli.USAGE, run("classify", "--db", db, "--set", "value.tier.highShare=lots").code());
        assertEquals(Cli.USAGE, run("export", "--db", db).code());
        assertEquals(Cli.USAGE, run("generate", "--customers", "-5", "--out", "x").code());
        assertEquals(Cli.USAGE, run("schemes", "--colour", "red").code());
        assertEquals(Cli.USAGE, run("import", "--db").code());
        CliHarness.Result r = run("classify", "--db", db, "--scheme", "no.such");
        assertTrue(r.err().contains("installed: geography.zone"), r.err());
        assertEquals(Cli.OK, run("help").code());
    }

    @Test
    void anIncrementalRunEqualsAFullOne(@TempDir Path t) throws Exception {
        String idb = t.resolve("db").toString();
        Path d = t.resolve("data");
        String asOf = "2026-02-28";
        assertEquals(0, run("generate", "--customers", "1000", "--out", d.toString(), "--seed", "5", "--as-of", asOf).code());
        assertEquals(0, run("import", "--db", idb, "--customers", d.resolve("customers.csv").toString(), "--orders",
                d.resolve("orders.csv").toString(), "--interactions", d.resolve("interactions.csv").toString()).code());
        CliHarness.Result first = run("classify", "--db", idb, "--as-of", asOf);
        assertTrue(first.out().contains("(full;"), first.out());
        // About 1 % of the customers change: ten get a big order, one moves to Japan, one complains.
        StringBuilder orders = new StringBuilder("id,customer_id,date,amount\n");
        for (int i = 10; i < 20; i++) {
            orders.append("NEW").append(i).append(",C00000").append(i).append(",2026-02-20,250000\n");
        }
        Path o = t.resolve("more-orders.csv");
        Files.writeString(o, orders.toString());
        Path c = t.resolve("moved.csv");
        Files.writeString(c, "id,country\nC0000020,JP\n");
        Path i = t.resolve("complaint.csv");
        Files.writeString(i, "id,customer_id,date,type\nNEWI1,C0000021,2026-02-27,complaint\n");
        assertEquals(0, run("import", "--db", idb, "--customers", c.toString(), "--orders", o.toString(), "--interactions", i.toString()).code());
        CliHarness.Result incremental = run("classify", "--db", idb, "--as-of", asOf);
        assertEquals(0, incremental.code(), incremental.err());
        assertTrue(incremental.out().contains("(incremental: 12 customers recomputed;"), incremental.out());
        // The run saved only the changed customers' facts, beside the cache of all of them.
        try (var files = Files.list(t)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".cache.changes")), "a changes file");
        }
        // A second change on top: the next run reads the cache with its changes and extends them.
        Path o2 = t.resolve("even-more-orders.csv");
        Files.writeString(o2, "id,customer_id,date,amount\nNEW30,C0000030,2026-02-21,300000\n");
        assertEquals(0, run("import", "--db", idb, "--orders", o2.toString()).code());
        CliHarness.Result second = run("classify", "--db", idb, "--as-of", asOf);
        assertTrue(second.out().contains("(incremental: 1 customers recomputed;"), second.out());
        CliHarness.Result full = run("classify", "--db", idb, "--as-of", asOf, "--full", "true");
        assertTrue(full.out().contains("(full;"), full.out());
        String a = run("export", "--db", idb, "--out", "-", "--run", "3").out();
        String b = run("export", "--db", idb, "--out", "-", "--run", "4").out();
        assertTrue(a.contains("C0000030,value.tier,high,"), "the second change counts");
        assertEquals(b, a, "the incremental run's classes, scores and explanations are the full run's");
        assertTrue(a.contains("C0000020,geography.zone,international-asia,"), "the moved customer was recomputed");
        assertTrue(a.contains("C0000021,personality.type,angry,"), "the complaint counts");
        assertTrue(a.contains("C0000010,value.tier,high,"), "a big order moves a customer up");
        // Only what changed since run 1 was written: one customer moved country.
        String runs = run("runs", "--db", idb).out();
        assertTrue(runs.matches("(?s).*Run 2 .*geography\\.zone .*\\[stored: 1 changed; the rest as in run 1\\].*"), runs);
        assertTrue(incremental.out().contains(" rows stored, the rest unchanged since the schemes' last full run"), incremental.out());
        // A run for a new as-of date after a small import: the column snapshot from before it, with the customer
        // the import wrote read from the database. It must equal the run that reads the whole snapshot back first.
        Path o3 = t.resolve("a-last-order.csv");
        Files.writeString(o3, "id,customer_id,date,amount\nNEW40,C0000040,2026-02-22,400000\n");
        assertEquals(0, run("import", "--db", idb, "--orders", o3.toString()).code());
        CliHarness.Result patched = run("classify", "--db", idb, "--as-of", "2026-02-27");
        assertTrue(patched.out().contains("(full;"), patched.out());
        CliHarness.Result rebuilt = run("classify", "--db", idb, "--as-of", "2026-02-27", "--full", "true");
        assertTrue(rebuilt.out().contains("(full;"), rebuilt.out());
        String p = run("export", "--db", idb, "--out", "-", "--run", "5").out();
        assertEquals(run("export", "--db", idb, "--out", "-", "--run", "6").out(), p,
                "the snapshot with the imported customer read anew gives the facts of the whole snapshot read back");
        assertTrue(p.contains("C0000040,value.tier,high,"), "the new order counts");
    }

    @Test
    void noRunYetIsBadInput(@TempDir Path empty) throws Exception {
        CliHarness.Result r = run("export", "--db", empty.resolve("db").toString(), "--out", "-");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no stored run"), r.err());
        assertEquals(Cli.BAD_INPUT, run("export", "--db", db, "--out", "-", "--run", "99").code());
    }
}
