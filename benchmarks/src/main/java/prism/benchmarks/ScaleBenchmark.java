package prism.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.NullProgressMonitor;

import prism.core.facts.Facts;
import prism.core.scheme.InstalledScheme;
import prism.engine.ClassificationService;
import prism.engine.RunEngine;
import prism.engine.RunResult;
import prism.sample.SampleGenerator;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Settings;
import prism.store.ImportRequest;
import prism.store.ImportResult;
import prism.store.PrismStore;
import prism.store.StoreQueries;
import prism.store.StoreConfig;

/**
 * Generates N customers, imports them into Derby, classifies them with the six card schemes, and
 * compares the facts step with DuckDB computing the same per-customer facts from the CSV files and from
 * its own tables. Prints what it measured; never fails on time.
 */
public final class ScaleBenchmark {

    /** The one classification service of the process, as the workbench has it: runs take from the run before. */
    private static final ClassificationService ENGINE = new ClassificationService();

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        List<String[]> table = new ArrayList<>() { // each step shown as it ends, the table at the end
            @Override
            public boolean add(String[] r) {
                System.err.printf("%-38s %10s  %s%n", r[0], r[1], r[2]);
                return super.add(r);
            }
        };

        long t = System.nanoTime();
        SampleGenerator.Summary s = new SampleGenerator(7, customers, asOf).write(data, new NullProgressMonitor());
        double gen = secs(t);
        table.add(row("generate", gen, String.format(Locale.ROOT, "%,d customers, %,d orders, %,d interactions (%,.0f rows/s)",
                s.customers(), s.orders(), s.interactions(), (s.customers() + s.orders() + s.interactions()) / gen)));

        List<RunEngine.SchemeSpec> specs = new ArrayList<>();
        for (ClassificationScheme c : List.of(new prism.scheme.value.internal.ValueTierScheme(),
                new prism.scheme.value.internal.RfmScheme(), new prism.scheme.lifecycle.internal.LifecycleStageScheme(),
                new prism.scheme.lifecycle.internal.PipelineScheme(), new prism.scheme.geography.internal.GeographyZoneScheme(),
                new prism.scheme.personality.internal.PersonalityScheme())) {
            specs.add(new RunEngine.SchemeSpec(new InstalledScheme(c, "benchmark", "1"), Settings.defaults(c)));
        }
        try (PrismStore store = PrismStore.open(StoreConfig.derby(dir.resolve("db")))) {
            // One import of the three files, as users run it; each file's time from the importer's progress.
            Map<String, Long> started = new java.util.LinkedHashMap<>();
            org.eclipse.core.runtime.IProgressMonitor steps = new NullProgressMonitor() {
                @Override
                public void subTask(String name) {
                    String step = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                    step = step.substring(step.lastIndexOf('/') + 1); // the file's name without its folder
                    started.putIfAbsent(step, System.nanoTime());
                }
            };
            t = System.nanoTime();
            ImportResult r = store.importFiles(ImportRequest.of(data.resolve("customers.csv"), data.resolve("orders.csv"),
                    data.resolve("interactions.csv")), steps);
            long end = System.nanoTime();
            double importSec = (end - t) / 1e9;
            long[] counts = {r.customers().total(), r.orders().total(), r.interactions().total()};
            List<String> names = new ArrayList<>(started.keySet());
            for (int k = 0; k < names.size(); k++) {
                long from = started.get(names.get(k));
                long to = k + 1 < names.size() ? started.get(names.get(k + 1)) : end;
                double sec = Math.max(1e-3, (to - from) / 1e9);
                if (k < 3) {
                    table.add(row("import " + names.get(k), sec, String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", counts[k], counts[k] / sec)));
                } else {
                    table.add(row("  " + names.get(k).toLowerCase(Locale.ROOT), sec, "the import's rows as columns, for full runs"));
                }
            }
            table.add(row("import, all three files", importSec, String.format(Locale.ROOT, "%,d rows in one transaction, %,.0f rows/s",
                    counts[0] + counts[1] + counts[2], (counts[0] + counts[1] + counts[2]) / importSec)));

            t = System.nanoTime();
            store.refreshColumnSnapshot(new NullProgressMonitor()); // up to date already: the import wrote it
            double snapSec = secs(t);
            Path snapFile = store.columnSnapshotFile().orElseThrow();
            table.add(row("column snapshot up to date", snapSec, String.format(Locale.ROOT, "%,d MB", Files.size(snapFile) >> 20)));
            Files.delete(snapFile); // what it costs after an import into a database that was not empty:
            t = System.nanoTime();
            store.refreshColumnSnapshot(new NullProgressMonitor());
            table.add(row("column snapshot read back from Derby", secs(t), "after an import into a non-empty database"));
            t = System.nanoTime();
            List<Facts> facts = store.facts(asOf, true, new NullProgressMonitor()).facts(); // also writes the facts cache
            double factsSec = secs(t);
            t = System.nanoTime();
            RunResult result = ENGINE.classify(facts, specs, asOf, new NullProgressMonitor());
            double classifySec = secs(t);
            double full = factsSec + classifySec;
            table.add(row("facts (from the snapshot)", factsSec, "all customers, one parallel pass"));
            table.add(row("classify 6 schemes", classifySec, String.format(Locale.ROOT, "%,.0f customers/s", customers / classifySec)));
            table.add(row("full classification", full, ""));
            // A full classification in a warm JVM, as the workbench's next full run (a new as-of date, or the
            // cached facts dropped): the facts made anew from the snapshot, so no result can be taken over.
            t = System.nanoTime();
            facts = store.facts(asOf, true, new NullProgressMonitor()).facts(); // these, not the first, are cached next
            double warmFactsSec = secs(t);
            Reuse warmReuse = new Reuse();
            ENGINE.classify(facts, specs, asOf, warmReuse);
            double warmFull = secs(t);
            table.add(row("full classification, JVM warm", warmFull, String.format(Locale.ROOT,
                    "facts %.2f s, schemes %.2f s; as the workbench's next full run; %s", warmFactsSec, warmFull - warmFactsSec,
                    warmReuse.said)));
            t = System.nanoTime(); // the same again, as the workbench's next run with no import between
            Reuse again = new Reuse();
            ENGINE.classify(facts, specs, asOf, again);
            table.add(row("  classify the same facts again", secs(t), "JVM warm, as the workbench's next run with no import between; "
                    + again.said));
            // What a run holds: every customer's facts and the six schemes' results, measured after a collection.
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            table.add(row("live heap: facts and one run's results", Double.NaN, String.format(Locale.ROOT,
                    "%,d MB, with the last run's results of the 4 schemes that rank no one, held softly", live >> 20)));
            facts = null; // the run's results no longer need them, as in prism classify
            t = System.nanoTime();
            int runNumber = store.saveRun(result, new NullProgressMonitor());
            double save = secs(t);
            table.add(row("store the run", save, String.format(Locale.ROOT, "%,d assignments, %,.0f rows/s; the facts cache written beside",
                    (long) customers * specs.size(), customers * specs.size() / save)));
            result = null;
            explorer(store, runNumber, specs.stream().map(x -> x.installed().id()).toList(), table);

            double[] duck = duckdb(data, asOf);
            table.add(row("DuckDB facts from the CSV files", duck[0], String.format(Locale.ROOT,
                    "Prism full / DuckDB = %.2f (JVM warm: %.2f)", full / duck[0], warmFull / duck[0])));
            table.add(row("DuckDB load its tables", duck[1], ""));
            table.add(row("DuckDB facts from its tables", duck[2], String.format(Locale.ROOT,
                    "Prism full / DuckDB = %.2f (JVM warm: %.2f)", full / duck[2], warmFull / duck[2])));
            // 1 % of the customers get a new order; then a run for the same date reuses the other facts.
            Path change = dir.resolve("one-percent.csv");
            StringBuilder sb = new StringBuilder("id,customer_id,date,amount\n");
            for (int k = 1; k <= customers; k += 100) {
                sb.append("CHG").append(k).append(',').append(String.format(Locale.ROOT, "C%07d", k)).append(',').append(asOf)
                        .append(",99.5\n");
            }
            Files.writeString(change, sb);
            t = System.nanoTime();
            store.importFiles(new ImportRequest(null, change, null, null), new NullProgressMonitor());
            double imp = secs(t);
            t = System.nanoTime();
            prism.engine.RunStore.FactsRun inc = store.facts(asOf, false, new NullProgressMonitor());
            double incFacts = secs(t);
            Reuse incReuse = new Reuse();
            RunResult incResult = ENGINE.classify(inc.facts(), specs, asOf, incReuse);
            double incSec = secs(t);
            String incHow = inc.how();
            inc = null;
            table.add(row("import 1 % changes", imp, String.format(Locale.ROOT, "%,d orders", customers / 100)));
            t = System.nanoTime();
            int incNumber = store.saveRun(incResult, new NullProgressMonitor());
            double incSave = secs(t);
            long incStored = store.run(incNumber).orElseThrow().schemes().stream().mapToLong(x -> x.stored()).sum();
            incResult = null;
            // Where an incremental run's time goes, step by step (the run above did all of them at once).
            Path cacheFile = store.factsCacheFile().orElseThrow();
            t = System.nanoTime();
            var loaded = prism.engine.FactsCache.load(cacheFile, store::importToken, notice -> { }).orElseThrow();
            var snap = loaded.snapshot();
            table.add(row("  read the facts cache", secs(t), String.format(Locale.ROOT, "%,d MB and %,d customers' changes",
                    Files.size(cacheFile) >> 20, loaded.changes().size())));
            t = System.nanoTime();
            var changed = store.changedCustomers(snap.importSeq() - 1).orElseThrow();
            table.add(row("  find the changed customers", secs(t), String.format(Locale.ROOT, "%,d", changed.size())));
            t = System.nanoTime();
            List<Facts> fresh = RunEngine.computeFacts(store.source(changed), asOf, new NullProgressMonitor());
            table.add(row("  recompute their facts", secs(t), "their customer records read too (the run takes them from its cache)"));
            t = System.nanoTime();
            List<Facts> merged = prism.engine.FactsCache.merge(snap.facts(), fresh);
            table.add(row("  merge them into the cached facts", secs(t), ""));
            t = System.nanoTime();
            prism.engine.FactsCache.save(cacheFile, new prism.engine.FactsCache.Snapshot(asOf, snap.importSeq(), merged), loaded, fresh);
            table.add(row("  save the changed customers' facts", secs(t), String.format(Locale.ROOT, "%,d KB",
                    Files.size(prism.engine.FactsCache.changesFile(cacheFile)) >> 10)));
            t = System.nanoTime();
            ENGINE.classify(merged, specs, asOf, new NullProgressMonitor());
            table.add(row("  re-apply the 6 schemes", secs(t), "every customer, facts read anew so nothing reused"));
            merged = null;
            snap = null;
            loaded = null;
            table.add(row("incremental run after 1 % changes", incSec, String.format(Locale.ROOT,
                    "facts %.2f s, schemes %.2f s; in the same process, as the workbench runs: %s; %s", incFacts, incSec - incFacts,
                    incHow, incReuse.said)));
            table.add(row("store it (changed rows only)", incSave, String.format(Locale.ROOT, "%,d of %,d rows written",
                    incStored, (long) customers * specs.size())));
            crossTabs(store, runNumber, incNumber, table);
            explorerByName(store, runNumber, specs.stream().map(x -> x.installed().id()).toList(), table);
            // A daily run: a new as-of date after the import, so no cached facts; the column snapshot from before
            // the import, with the customers it wrote read from the database.
            t = System.nanoTime();
            List<Facts> nextDay = store.facts(asOf.plusDays(1), false, new NullProgressMonitor()).facts();
            double nextFacts = secs(t);
            ENGINE.classify(nextDay, specs, asOf.plusDays(1), new NullProgressMonitor());
            double nextSec = secs(t);
            moreSchemes(nextDay, asOf.plusDays(1), table);
            liveCount(nextDay, table);
            nextDay = null;
            table.add(row("run for the next day after the import", nextSec, String.format(Locale.ROOT,
                    "facts %.2f s: the snapshot from before the import, its %,d customers read anew", nextFacts, customers / 100)));
        }
        // A scheduled `prism classify` is a new process: no facts in memory from a run before, so the facts cache is
        // read from disk. Another 1 % of the customers (other ones) change first.
        try (PrismStore store = PrismStore.open(StoreConfig.derby(dir.resolve("db")))) {
            Path change = dir.resolve("another-percent.csv");
            StringBuilder sb = new StringBuilder("id,customer_id,date,amount\n");
            for (int k = 51; k <= customers; k += 100) {
                sb.append("CHH").append(k).append(',').append(String.format(Locale.ROOT, "C%07d", k)).append(',')
                        .append(asOf.plusDays(1)).append(",42.25\n");
            }
            Files.writeString(change, sb);
            store.importFiles(new ImportRequest(null, change, null, null), new NullProgressMonitor());
            t = System.nanoTime();
            prism.engine.RunStore.FactsRun f = store.facts(asOf.plusDays(1), false, new NullProgressMonitor());
            ENGINE.classify(f.facts(), specs, asOf.plusDays(1), new NullProgressMonitor());
            table.add(row("incremental run in a new store", secs(t), "as a scheduled classify (JVM warm): the facts cache read "
                    + "from disk, " + f.how().replace("incremental: ", "")));
        }
        // As after an import into an empty database: the snapshot up to date (the imports since made it stale,
        // and a full run would first read it back from Derby, timed above).
        try (PrismStore store = PrismStore.open(StoreConfig.derby(dir.resolve("db")))) {
            store.refreshColumnSnapshot(new NullProgressMonitor());
        }
        processes(dir.resolve("db"), asOf.plusDays(2), table);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        table.add(row("heap limit it all ran within (-Xmx)", Double.NaN, String.format(Locale.ROOT, "%,d MB (sum of the pools' peaks %,d MB)",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20)));
        table.add(row("Derby database on disk", Double.NaN, String.format(Locale.ROOT, "%,d MB", size(dir.resolve("db")) >> 20)));
        derbyCeiling(data.resolve("orders.csv"), dir.resolve("ceiling"), table);
        // The other way the issue names to the facts, SQL aggregates in Derby itself (kept: the snapshot).
        table.add(derbyAggregates(dir.resolve("db"), asOf, 60));

        System.out.printf(Locale.ROOT, "%nPrism scale benchmark: %,d customers, %d cores, Java %s%n", customers,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-38s %10s  %s%n", "step", "seconds", "");
        for (String[] r : table) {
            System.out.printf("%-38s %10s  %s%n", r[0], r[1], r[2]);
        }
    }

    /**
     * The two commands a user times, as processes of the built product, start to exit: a run for a new
     * as-of date, whose results are stored, then the same run again with {@code --full true}, which stores
     * nothing new. Skipped, and said so, when the product is not built (build it in the same command:
     * {@code -pl releng/prism.product,benchmarks -am}).
     */
    static void processes(Path db, LocalDate asOf, List<String[]> table) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("bench.product", "releng/prism.product/target/products/prism.product/linux/gtk/x86_64/prism/prism"));
        if (!Files.isExecutable(launcher)) {
            table.add(row("prism classify, as a process", Double.NaN, "skipped: no product at " + launcher));
            return;
        }
        String[][] commands = {
            {"prism classify, as a process", "a new as-of date: every customer's facts, results stored"},
            {"prism classify --full true, as a process", "the same again: facts and schemes anew, nothing new to store"}};
        for (int k = 0; k < 2; k++) {
            List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString(), "classify", "--db", db.toString(), "--as-of",
                    asOf.toString()));
            if (k == 1) {
                cmd.addAll(List.of("--full", "true"));
            }
            Path out = Files.createTempFile("prism-bench", ".out");
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            double sec = secs(t);
            String first = Files.readAllLines(out).stream().findFirst().orElse("");
            Files.delete(out);
            int cut = first.indexOf(" (");
            table.add(row(commands[k][0], sec, commands[k][1] + (code == 0 ? "; " + (cut > 0 ? first.substring(cut + 2, first.length() - 1) : first)
                    : "; exit " + code)));
        }
    }

    /** A monitor that keeps what the engine says about results taken from the run before. */
    static final class Reuse extends NullProgressMonitor {
        String said = "nothing taken from the run before";

        @Override
        public void subTask(String name) {
            if (name.contains("unchanged since")) {
                said = name;
            }
        }
    }

    /**
     * What the predictive pair (one fit for both) and the profile pair add to a run: each on the same facts,
     * in an engine of its own so nothing is reused, timed the second time (the first in the detail column).
     */
    static void moreSchemes(List<Facts> facts, LocalDate asOf, List<String[]> table) throws Exception {
        record Pair(String name, List<ClassificationScheme> schemes, String detail) { }
        for (Pair p : List.of(
                new Pair("  + a rule scheme of 10 classes", List.of(new prism.rules.RuleScheme(prism.rules.RuleDocument.parse("bench", TEN_RULES))),
                        "analysts' conditions, first match wins; most customers pass several"),
                new Pair("  + value.clv, value.churn", List.of(new prism.scheme.predictive.internal.ClvScheme(),
                        new prism.scheme.predictive.internal.ChurnScheme()), "BG/NBD and Gamma-Gamma fitted over the buyers, both applied"),
                new Pair("  + needs.level, decision.factor", List.of(new prism.scheme.profile.internal.NeedsLevelScheme(),
                        new prism.scheme.profile.internal.DecisionFactorScheme()), "the profile pair"))) {
            List<RunEngine.SchemeSpec> specs = p.schemes().stream()
                    .map(c -> new RunEngine.SchemeSpec(new InstalledScheme(c, "benchmark", "1"), Settings.defaults(c))).toList();
            double[] sec = new double[2];
            for (int k = 0; k < 2; k++) {
                long t = System.nanoTime();
                new ClassificationService().classify(facts, specs, asOf, new NullProgressMonitor());
                sec[k] = secs(t);
            }
            table.add(row(p.name(), sec[1], String.format(Locale.ROOT, "%s; first time %.2f s", p.detail(), sec[0])));
        }
    }

    /** What the rule editor does after each edit: one pass of the draft's ten conditions over the facts held. */
    static void liveCount(List<Facts> facts, List<String[]> table) throws Exception {
        prism.rules.RuleScheme scheme = new prism.rules.RuleScheme(prism.rules.RuleDocument.parse("bench", TEN_RULES));
        double[] sec = new double[2];
        long[] counts = new long[scheme.classes().size()];
        for (int k = 0; k < 2; k++) {
            long t = System.nanoTime();
            java.util.function.ToIntFunction<Facts> classOf = scheme.classIndex();
            int[] cls = new int[facts.size()];
            java.util.stream.IntStream.range(0, facts.size()).parallel().forEach(i -> cls[i] = classOf.applyAsInt(facts.get(i)));
            java.util.Arrays.fill(counts, 0);
            for (int c : cls) {
                counts[c]++;
            }
            sec[k] = secs(t);
        }
        table.add(row("  rule editor: live count of 10 classes", sec[1], String.format(Locale.ROOT,
                "one pass over the facts held, as after each edit; first time %.2f s; the last class holds %,d", sec[0],
                counts[counts.length - 2])));
    }

    /** Ten classes as an analyst writes them: facts, fields, attributes and lists; a quarter of customers reach the last. */
    static final String TEN_RULES = """
            { "id": "rules.bench", "classes": [
              { "id": "angry", "when": "count90.complaint >= 2 || (last_score <= 3 && count90.survey >= 1)" },
              { "id": "vip", "when": "revenue_365 >= 2000 && country =~ ['DE', 'AT', 'CH', 'NL']" },
              { "id": "big", "when": "revenue_365 >= 1500" },
              { "id": "bargain", "when": "discount_share >= 0.5 && orders >= 3" },
              { "id": "new", "when": "tenure_days <= 90" },
              { "id": "lapsing", "when": "recency_days > 180 && recency_days <= 365" },
              { "id": "lost", "when": "recency_days > 365" },
              { "id": "loyal", "when": "orders_365 >= 4 and not (plan == 'free')" },
              { "id": "prospect", "when": "orders == 0 && count.email >= 1" },
              { "id": "rest", "when": "orders >= 1" } ] }
            """;

    /** The Customer Explorer's queries over the run, as the view makes them: pages of 200 rows with every scheme's class. */
    static void explorer(PrismStore store, int run, List<String> schemes, List<String[]> table) {
        var q = store.queries();
        var byId = new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "id", true);
        long t = System.nanoTime();
        q.page(byId, 0, 200);
        table.add(row("explorer: first page", secs(t), "200 rows with 6 classes each"));
        t = System.nanoTime();
        long total = q.count(byId);
        table.add(row("explorer: count", secs(t), String.format(Locale.ROOT, "%,d customers (the view shows the first page meanwhile)", total)));
        t = System.nanoTime();
        q.page(byId, total / 2, 200);
        table.add(row("explorer: a page in the middle", secs(t), ""));
        t = System.nanoTime();
        q.page(new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "id", false), 0, 200, total);
        table.add(row("explorer: last page (id descending)", secs(t), ""));
        var byClass = new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "scheme:" + schemes.get(0), true);
        t = System.nanoTime();
        q.page(byClass, 0, 200);
        table.add(row("explorer: sorted by " + schemes.get(0), secs(t), "first page, from the class order stored with the run"));
        t = System.nanoTime();
        q.page(byClass, total / 2, 200);
        table.add(row("explorer: a page in the middle of that", secs(t), ""));
        String last = schemes.get(schemes.size() - 1);
        t = System.nanoTime();
        q.page(new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "scheme:" + last, false), 0, 200, total);
        table.add(row("explorer: sorted by " + last + ", down", secs(t), "first page"));
        // Filtered by classes: the first page, then the count the view shows beside it.
        String first = schemes.get(0);
        String other = schemes.get(2);
        List<Object[]> filters = List.of(
                new Object[] {first + " = high", Map.of(first, Set.of("high")), "id"},
                new Object[] {first + " = high and " + other + " = lost", Map.of(first, Set.of("high"), other, Set.of("lost")), "id"},
                new Object[] {first + " = high or medium, by " + last, Map.of(first, Set.of("high", "medium")), "scheme:" + last});
        for (Object[] f : filters) {
            @SuppressWarnings("unchecked")
            var query = new prism.store.ExplorerQuery(run, schemes, null, (Map<String, Set<String>>) f[1], (String) f[2], true);
            t = System.nanoTime();
            q.page(query, 0, 200);
            double page = secs(t);
            t = System.nanoTime();
            long n = q.count(query);
            table.add(row("explorer: " + f[0], page, String.format(Locale.ROOT, "first page; count %.2f s (%,d customers)", secs(t), n)));
        }
        var text = new prism.store.ExplorerQuery(run, schemes, "quote", Map.of(), "id", true);
        t = System.nanoTime();
        q.page(text, 0, 200);
        table.add(row("explorer: text \"quote\" in ids and names", secs(t), "first page: one scan of the customers, the few matches sorted"));
        var textAndClass = new prism.store.ExplorerQuery(run, schemes, "an", Map.of(first, Set.of("high")), "id", true);
        t = System.nanoTime();
        q.page(textAndClass, 0, 200);
        double page = secs(t);
        t = System.nanoTime();
        long n = q.count(textAndClass);
        table.add(row("explorer: text \"an\" and " + first + " = high", page, String.format(Locale.ROOT,
                "first page: the scan keeps the class's customers; count %.2f s (%,d customers)", secs(t), n)));
    }

    /**
     * The workbench's cross-tab of two schemes in a run and Migration between the full run and the run of
     * changes after it, as Segment Overview and Migration ask for them (from the runs' stored class orders).
     */
    static void crossTabs(PrismStore store, int run, int next, List<String[]> table) {
        StoreQueries q = store.queries();
        long t = System.nanoTime();
        Map<List<String>, Integer> cross = q.pairCounts(run, "value.tier", run, "lifecycle.stage");
        table.add(row("cross-tab value.tier × lifecycle.stage", secs(t), String.format(Locale.ROOT, "%d cells, %,d customers",
                cross.size(), cross.values().stream().mapToLong(Integer::longValue).sum())));
        t = System.nanoTime();
        Map<List<String>, Integer> moved = q.pairCounts(run, "lifecycle.stage", next, "lifecycle.stage");
        long movers = moved.entrySet().stream().filter(e -> !e.getKey().get(0).equals(e.getKey().get(1))).mapToLong(Map.Entry::getValue).sum();
        table.add(row("migration lifecycle.stage, run " + run + " → " + next, secs(t), String.format(Locale.ROOT,
                "%,d moved; the second run stored as changes", movers)));
        List<String> biggest = cross.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        t = System.nanoTime();
        int listed = q.pairCustomers(run, "value.tier", biggest.get(0), run, "lifecycle.stage", biggest.get(1), 5000).size();
        table.add(row("cross-tab: the biggest cell's customers", secs(t), String.format(Locale.ROOT, "%,d listed with their names", listed)));
    }

    /**
     * The explorer sorted by name: the first deep page makes the (name, id) index, seconds of Derby's work, so
     * it is timed after the incremental run rather than before it.
     */
    static void explorerByName(PrismStore store, int run, List<String> schemes, List<String[]> table) {
        var q = store.queries();
        var byName = new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "name", true);
        long t = System.nanoTime();
        q.page(byName, 0, 200);
        table.add(row("explorer: sorted by name, first time", secs(t), "first page: one scan of the customers, no index yet"));
        long total = q.count(byName);
        t = System.nanoTime();
        q.page(byName, total / 2, 200);
        table.add(row("explorer: sorted by name, first deep page", secs(t), "the (name, id) index made first, once per database"));
        t = System.nanoTime();
        q.page(byName, total / 3, 200);
        table.add(row("explorer: sorted by name, another page", secs(t), "through the index"));
        t = System.nanoTime();
        q.page(new prism.store.ExplorerQuery(run, schemes, null, Map.of(), "name", false), 0, 200);
        table.add(row("explorer: sorted by name, down", secs(t), "first page, before the count is known"));
        String first = schemes.get(0);
        var filtered = new prism.store.ExplorerQuery(run, schemes, null, Map.of(first, Set.of("high")), "name", true);
        t = System.nanoTime();
        q.page(filtered, 0, 200);
        double page = secs(t);
        long n = q.count(filtered);
        t = System.nanoTime();
        q.page(filtered, n / 2, 200, n);
        table.add(row("explorer: " + first + " = high, by name", page, String.format(Locale.ROOT,
                "first page: the name index walked, keeping the class's customers; middle page %.2f s", secs(t))));
    }

    /**
     * What Derby itself takes to bulk-load order rows handed to it ready-made (read from orders.csv
     * beforehand, at most a million), into a table of ORDERS' columns with no index, with its primary key,
     * and with the key and the customer index as ORDERS has; then every row of the file with the key alone,
     * parsed as Derby asks for them on the feeding thread, as an import does: a bound on any import, which
     * also checks each row and builds the customer index.
     */
    static void derbyCeiling(Path orders, Path db, List<String[]> table) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (var in = Files.newBufferedReader(orders);
                var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (var r : csv) {
                if (rows.size() == 1_000_000) {
                    break;
                }
                rows.add(orderRow(r));
            }
        }
        List<String> cols = List.of("ID", "CUSTOMER_ID", "ORDER_DATE", "AMOUNT", "DISCOUNT", "PROMO", "CUSTOM", "COST", "IMPORT_SEQ");
        String[][] variants = {{"no index", ""}, {"primary key", " PRIMARY KEY"}, {"key + customer index", " PRIMARY KEY"},
                {"primary key, every row", " PRIMARY KEY"}};
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db + ";create=true")) {
            c.setAutoCommit(false);
            for (int v = -1; v < variants.length; v++) { // -1: a tenth of the rows once, so that Derby's code is compiled
                String name = "CEILING_" + (v + 1);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + name + " (ID VARCHAR(64) NOT NULL" + (v < 0 ? "" : variants[v][1]) + ", CUSTOMER_ID VARCHAR(64) NOT NULL, "
                            + "ORDER_DATE DATE NOT NULL, AMOUNT DOUBLE NOT NULL, DISCOUNT DOUBLE NOT NULL, PROMO BOOLEAN NOT NULL, "
                            + "CUSTOM BOOLEAN NOT NULL, COST DOUBLE, IMPORT_SEQ INT)");
                }
                c.commit();
                long t = System.nanoTime();
                long loaded;
                if (v == 3) {
                    try (var in = Files.newBufferedReader(orders); var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                            .setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                        loaded = prism.store.internal.BulkInsert.insert(c, name, cols, csv.stream().map(ScaleBenchmark::orderRow).iterator());
                    }
                } else {
                    List<Object[]> some = v < 0 ? rows.subList(0, rows.size() / 10) : rows;
                    prism.store.internal.BulkInsert.insert(c, name, cols, some.iterator());
                    loaded = some.size();
                }
                if (v == 2) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE INDEX " + name + "_CUSTOMER ON " + name + " (CUSTOMER_ID)");
                    }
                }
                c.commit();
                double sec = secs(t);
                if (v >= 0) {
                    table.add(row("Derby alone, " + variants[v][0], sec, String.format(Locale.ROOT,
                            "%,d rows of orders.csv %s, %,.0f rows/s%s", loaded,
                            v == 3 ? "parsed on the feeding thread" : "handed over ready-made", loaded / sec,
                            v == 2 ? " (ORDERS' indexes on a million rows)" : v == 3 ? " (the whole file: a bound on its import)" : "")));
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + name);
                }
                c.commit();
            }
        }
    }

    /** An orders.csv record as a row of ORDERS' columns, import number 1. */
    private static Object[] orderRow(org.apache.commons.csv.CSVRecord r) {
        return new Object[] {r.get("id"), r.get("customer_id"), LocalDate.parse(r.get("date")), Double.parseDouble(r.get("amount")),
                r.get("discount").isEmpty() ? 0.0 : Double.parseDouble(r.get("discount")), Boolean.parseBoolean(r.get("promo")),
                Boolean.parseBoolean(r.get("custom")), r.get("cost").isEmpty() ? null : Double.parseDouble(r.get("cost")), 1};
    }

    /**
     * DuckDB's facts by SQL aggregates in Derby: per customer, orders, revenue, first and last order and the
     * 365-day count by one GROUP BY over ORDERS, sorted by revenue for the rank (Derby has no RANK()), and
     * the 90-day interactions by one over INTERACTION; every row read. Stopped after {@code limit} seconds.
     */
    static String[] derbyAggregates(Path db, LocalDate asOf, int limit) throws Exception {
        java.sql.Date d = java.sql.Date.valueOf(asOf);
        String orders = "SELECT CUSTOMER_ID, SUM(CASE WHEN AMOUNT > 0 THEN 1 ELSE 0 END) AS N, SUM(AMOUNT) AS REVENUE, "
                // no nulls into MIN and MAX: Derby chains a warning per group that had one, walking the chain each time
                + "MIN(CASE WHEN AMOUNT > 0 THEN ORDER_DATE ELSE DATE('9999-12-31') END), "
                + "MAX(CASE WHEN AMOUNT > 0 THEN ORDER_DATE ELSE DATE('0001-01-01') END), "
                + "SUM(CASE WHEN AMOUNT > 0 AND ORDER_DATE >= ? THEN 1 ELSE 0 END) FROM ORDERS WHERE ORDER_DATE <= ? "
                + "GROUP BY CUSTOMER_ID ORDER BY REVENUE DESC";
        String interactions = "SELECT CUSTOMER_ID, SUM(CASE WHEN IX_DATE >= ? THEN 1 ELSE 0 END) FROM INTERACTION "
                + "WHERE IX_DATE <= ? GROUP BY CUSTOMER_ID";
        long t = System.nanoTime();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
            String[] queries = {orders, interactions};
            int[] days = {365, 90};
            for (int k = 0; k < queries.length; k++) {
                try (var ps = c.prepareStatement(queries[k])) {
                    ps.setQueryTimeout(Math.max(1, limit - (int) secs(t)));
                    ps.setDate(1, java.sql.Date.valueOf(asOf.minusDays(days[k])));
                    ps.setDate(2, d);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            if (!"XCL52".equals(e.getSQLState())) { // Derby's "statement cancelled or timed out"
                throw e;
            }
            return row("Derby facts by SQL aggregates", secs(t), String.format(Locale.ROOT,
                    "stopped unfinished after %d s, %,d rows read: GROUP BY over ORDERS and INTERACTION", limit, rows));
        }
        return row("Derby facts by SQL aggregates", secs(t), String.format(Locale.ROOT,
                "%,d rows: the DuckDB facts by GROUP BY over ORDERS and INTERACTION, as the other way to the facts", rows));
    }

    /** DuckDB: [facts from CSV, load tables, facts from tables] in seconds. */
    static double[] duckdb(Path data, LocalDate asOf) throws Exception {
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String o = "read_csv('" + data.resolve("orders.csv") + "', header = true, types = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})";
            String i = "read_csv('" + data.resolve("interactions.csv") + "', header = true, types = {'customer_id': 'VARCHAR', 'date': 'DATE'})";
            long t = System.nanoTime();
            long rows = facts(st, o, i, asOf);
            double fromCsv = secs(t);
            t = System.nanoTime();
            st.execute("CREATE TABLE orders AS SELECT * FROM " + o);
            st.execute("CREATE TABLE interactions AS SELECT * FROM " + i);
            double load = secs(t);
            t = System.nanoTime();
            long rows2 = facts(st, "orders", "interactions", asOf);
            double fromTables = secs(t);
            if (rows != rows2) {
                throw new IllegalStateException("DuckDB disagrees with itself: " + rows + " vs " + rows2);
            }
            return new double[] {fromCsv, load, fromTables};
        }
    }

    /** The per-customer facts the issue names, ranked by revenue; returns the number of customers with facts. */
    static long facts(Statement st, String orders, String interactions, LocalDate asOf) throws Exception {
        String d = "DATE '" + asOf + "'";
        String sql = "WITH o AS (SELECT customer_id, date, amount FROM " + orders + " WHERE date <= " + d + "), "
                + "i AS (SELECT customer_id, date FROM " + interactions + " WHERE date <= " + d + "), "
                + "f AS (SELECT customer_id, count(*) FILTER (WHERE amount > 0) AS orders, sum(amount) AS revenue, "
                + "min(date) FILTER (WHERE amount > 0) AS first_order, max(date) FILTER (WHERE amount > 0) AS last_order, "
                + "count(*) FILTER (WHERE amount > 0 AND date >= " + d + " - 365) AS orders_365 FROM o GROUP BY customer_id), "
                + "g AS (SELECT customer_id, count(*) FILTER (WHERE date >= " + d + " - 90) AS interactions_90 FROM i GROUP BY customer_id), "
                + "r AS (SELECT f.*, g.interactions_90, rank() OVER (ORDER BY revenue DESC) AS revenue_rank FROM f FULL JOIN g USING (customer_id)) "
                + "SELECT count(*), sum(orders), sum(revenue_rank) FROM r";
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String[] row(String step, double seconds, String note) {
        return new String[] {step, Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.2f", seconds), note};
    }

    static double secs(long t0) {
        return Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
    }

    static long size(Path dir) throws IOException {
        try (var w = Files.walk(dir)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
