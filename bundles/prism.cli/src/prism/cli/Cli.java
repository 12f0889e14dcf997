package prism.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.OperationCanceledException;

import prism.cli.internal.Args;
import prism.cli.internal.ProgressLine;
import prism.cli.internal.Reports;
import prism.cli.internal.UsageException;
import prism.core.facts.Facts;
import prism.core.scheme.InstalledScheme;
import prism.engine.ClassificationService;
import prism.engine.RunEngine;
import prism.engine.RunResult;
import prism.core.scheme.SchemeRegistry;
import prism.sample.SampleGenerator;
import prism.core.scheme.Settings;
import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.ImportResult;
import prism.store.PrismStore;
import prism.store.RunInfo;
import prism.store.StoreConfig;
import prism.store.StoreException;

/**
 * The headless command line: {@code prism COMMAND [OPTIONS]}. Results go to {@code out}, progress
 * and errors to {@code err}. Exit codes: 0 ok, 1 bad input, 2 usage, 3 failure.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int USAGE = 2;
    public static final int FAILURE = 3;

    public static final int DEFAULT_DEMO_CUSTOMERS = 10_000;

    private final SchemeRegistry registry;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final ClassificationService engine;

    public Cli(SchemeRegistry registry, PrintStream out, PrintStream err) {
        this(registry, out, err, System.getenv());
    }

    public Cli(SchemeRegistry registry, PrintStream out, PrintStream err, Map<String, String> env) {
        this(registry, new ClassificationService(), out, err, env);
    }

    /** A command line over the process's classification service (the headless application's, from DS). */
    public Cli(SchemeRegistry registry, ClassificationService engine, PrintStream out, PrintStream err, Map<String, String> env) {
        this.registry = registry;
        this.engine = engine;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String... argv) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (UsageException e) {
            err.println("prism: " + e.getMessage());
            err.println("Run 'prism help' for the commands.");
            return USAGE;
        }
        try {
            return switch (args.command()) {
                case "help", "--help", "-h" -> {
                    out.print(args.has("command") ? Args.usage(args.option("command").get()) : Args.OVERVIEW);
                    yield OK;
                }
                case "completion" -> {
                    out.print(Args.completionScript());
                    yield OK;
                }
                case "demo" -> demo(args);
                case "generate" -> generate(args);
                case "import" -> importFiles(args);
                case "classify" -> classify(args);
                case "export" -> export(args);
                case "schemes" -> schemes(args);
                case "runs" -> runs(args);
                case "plugins" -> new prism.cli.internal.PluginCommands(out, err).plugins(args);
                case "install" -> new prism.cli.internal.PluginCommands(out, err).install(args);
                case "uninstall" -> new prism.cli.internal.PluginCommands(out, err).uninstall(args);
                case "rules" -> new prism.cli.internal.RuleCommands(out, err).run(args, storeConfig(args));
                default -> throw new UsageException("unknown command '" + args.command()
                        + "'; expected demo, generate, import, classify, export, schemes, runs, plugins, install, uninstall, completion or help");
            };
        } catch (UsageException e) {
            err.println("prism: " + e.getMessage());
            err.println("Run 'prism help' for the commands.");
            return USAGE;
        } catch (ImportException e) {
            err.println("prism: " + e.getMessage());
            err.println("prism: nothing was imported; the database is as it was.");
            return BAD_INPUT;
        } catch (BadInput e) {
            err.println("prism: " + e.getMessage());
            return BAD_INPUT;
        } catch (OperationCanceledException e) {
            err.println("prism: cancelled; nothing was changed.");
            return FAILURE;
        } catch (StoreException e) {
            err.println("prism: " + e.getMessage());
            return FAILURE;
        } catch (IOException | RuntimeException e) {
            err.println("prism: failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        } catch (OutOfMemoryError e) {
            // Whatever held the memory is gone by now: printing needs little
            err.println("prism: out of memory (" + e.getMessage() + "); nothing half-done was kept. Give the JVM more "
                    + "with PRISM_VMARGS=-Xmx8g (the default is -Xmx4g)");
            return FAILURE;
        } catch (Error e) {
            err.println("prism: failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        }
    }

    /** A problem with the input that is not a CSV file's (e.g. no stored run). */
    private static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ commands

    private int demo(Args a) throws UsageException, ImportException, BadInput, IOException {
        int n = a.intOption("customers", DEFAULT_DEMO_CUSTOMERS);
        long seed = a.longOption("seed", 42);
        LocalDate asOf = date(a.option("as-of").orElse(null), LocalDate.now());
        Path dir = Files.createTempDirectory("prism-demo");
        StoreConfig config = a.has("db") || a.has("jdbc") ? storeConfig(a)
                : StoreConfig.derby(Path.of(System.getProperty("user.home"), ".prism", "demo-db"));
        try {
            long t0 = System.nanoTime();
            SampleGenerator.Summary s = new SampleGenerator(seed, n, asOf).write(dir, new ProgressLine(err, "generate"));
            double tGen = secs(t0);
            out.printf(Locale.ROOT, "Generated %,d customers, %,d orders, %,d interactions in %.1f s%n", s.customers(),
                    s.orders(), s.interactions(), tGen);
            try (PrismStore store = open(config)) {
                long t1 = System.nanoTime();
                ImportResult r = store.importFiles(ImportRequest.of(dir.resolve("customers.csv"), dir.resolve("orders.csv"),
                        dir.resolve("interactions.csv")), new ProgressLine(err, "import"));
                double tImp = secs(t1);
                long rows = r.customers().total() + r.orders().total() + r.interactions().total();
                out.printf(Locale.ROOT, "Imported %,d rows into %s in %.1f s (%,.0f rows/s)%n", rows,
                        config.describe(), tImp, rows / tImp);
                List<RunEngine.SchemeSpec> specs = specs(List.of(), List.of());
                long t2 = System.nanoTime();
                // As classify has them: from the column snapshot the import wrote, leaving the facts cache for the next run
                List<Facts> facts = store.facts(asOf, false, new ProgressLine(err, "facts")).facts();
                RunResult result = engine.classify(facts, specs, asOf, new ProgressLine(err, "classify"));
                double tRun = secs(t2);
                long t3 = System.nanoTime();
                int number = store.saveRun(result, new ProgressLine(err, "store"));
                double tSave = secs(t3);
                out.printf(Locale.ROOT, "Classified %,d customers with %d schemes as of %s in %.1f s (%,.0f customers/s), "
                        + "stored as run %d in %.1f s%n", facts.size(), result.schemes().size(), asOf, tRun,
                        facts.size() / tRun, number, tSave);
                reportFailures(result);
                out.println();
                Reports.summary(out, registry, result, facts);
                out.printf(Locale.ROOT, "%nTotal %.1f s. Try: prism export --db %s --out classes.csv%n", secs(t0),
                        config.isEmbedded() ? config.derbyDirectory() : "…");
                return result.failures().isEmpty() ? OK : FAILURE;
            }
        } finally {
            deleteTree(dir);
        }
    }

    private int generate(Args a) throws UsageException, ImportException, BadInput, IOException {
        int n = a.intOption("customers", -1);
        if (n < 0) {
            throw new UsageException("generate needs --customers N");
        }
        Path dir = Path.of(a.option("out").orElseThrow(() -> new UsageException("generate needs --out DIR")));
        long seed = a.longOption("seed", 42);
        LocalDate asOf = date(a.option("as-of").orElse(null), LocalDate.now());
        long t0 = System.nanoTime();
        SampleGenerator.Summary s = new SampleGenerator(seed, n, asOf).write(dir, new ProgressLine(err, "generate"));
        double t = secs(t0);
        out.printf(Locale.ROOT, "Wrote %,d customers, %,d orders, %,d interactions to %s in %.1f s (%,.0f rows/s)%n",
                s.customers(), s.orders(), s.interactions(), dir, t, (s.customers() + s.orders() + s.interactions()) / t);
        return OK;
    }

    private int importFiles(Args a) throws UsageException, ImportException, BadInput, IOException {
        Path c = a.option("customers").map(Path::of).orElse(null);
        Path o = a.option("orders").map(Path::of).orElse(null);
        Path i = a.option("interactions").map(Path::of).orElse(null);
        if (c == null && o == null && i == null) {
            throw new UsageException("import needs at least one of --customers F, --orders F, --interactions F");
        }
        Path rejects = a.option("rejects").map(Path::of).orElse(null);
        if (rejects != null) {
            for (Path input : java.util.Arrays.asList(c, o, i)) {
                if (input != null && sameFile(input, rejects)) {
                    throw new UsageException("--rejects " + rejects + " is the input file " + input
                            + ": the report would overwrite it; name another file");
                }
            }
            if (Files.isDirectory(rejects)) {
                throw new UsageException("--rejects " + rejects + " is a directory; name a file");
            }
        }
        try (PrismStore store = open(storeConfig(a))) {
            long t0 = System.nanoTime();
            ImportResult r = store.importFiles(new ImportRequest(c, o, i, rejects), new ProgressLine(err, "import"));
            double t = secs(t0);
            line("customers", r.customers(), c);
            line("orders", r.orders(), o);
            line("interactions", r.interactions(), i);
            long rows = r.customers().total() + r.orders().total() + r.interactions().total();
            out.printf(Locale.ROOT, "Imported %,d rows in %.1f s (%,.0f rows/s)%n", rows, t, rows / t);
            long rejected = r.customers().rejected() + r.orders().rejected() + r.interactions().rejected();
            if (rejects != null) {
                out.printf(Locale.ROOT, "%,d rows rejected, listed with their reasons in %s%n", rejected, rejects);
            }
            return OK;
        }
    }

    private void line(String what, ImportResult.Counts c, Path file) {
        if (file != null) {
            out.printf(Locale.ROOT, "%-13s %,10d new, %,10d updated%s%n", what + ":", c.inserted(), c.updated(),
                    c.rejected() > 0 ? String.format(Locale.ROOT, ", %,d rejected", c.rejected()) : "");
        }
    }

    private int classify(Args a) throws UsageException, ImportException, BadInput, IOException {
        LocalDate asOf = date(a.option("as-of").orElse(null), LocalDate.now());
        List<RunEngine.SchemeSpec> specs = specs(a.list("scheme"), a.all("set"));
        if (specs.isEmpty()) {
            throw new BadInput("no scheme is installed: nothing to classify");
        }
        boolean full = a.has("full") && !a.option("full").get().equalsIgnoreCase("false");
        if (a.has("scheme-timeout")) {
            int seconds = a.intOption("scheme-timeout", 60);
            if (seconds == 0) {
                throw new UsageException("--scheme-timeout expects a whole number of seconds above 0");
            }
            RunEngine.setSchemeTimeout(java.time.Duration.ofSeconds(seconds));
        }
        try (PrismStore store = open(storeConfig(a))) {
            prism.engine.Trace.mark("store open");
            ClassificationService.Outcome o = engine.run(store, asOf, specs, full, new ProgressLine(err, "classify"));
            RunResult result = o.result();
            if (o.run() < 0) {
                reportFailures(result);
                return FAILURE;
            }
            long stored = store.run(o.run()).map(r -> r.schemes().stream().mapToLong(RunInfo.SchemeInfo::stored).sum()).orElse(0L);
            out.printf(Locale.ROOT, "Run %d: %,d customers, %d schemes, as of %s, in %.1f s (%s; %,d of %,d rows stored, "
                    + "the rest unchanged since the schemes' last full run)%n", o.run(), o.customers(), result.schemes().size(),
                    asOf, o.classifySeconds() + o.storeSeconds(), o.how(), stored, (long) o.customers() * result.schemes().size());
            for (RunResult.SchemeResult r : result.schemes()) {
                out.printf("  %-20s %s%n", r.schemeId(), Reports.countsText(registry, r.schemeId(), r.counts()));
            }
            reportFailures(result);
            return result.failures().isEmpty() ? OK : FAILURE;
        }
    }

    private int export(Args a) throws UsageException, ImportException, BadInput, IOException {
        String target = a.option("out").orElseThrow(() -> new UsageException("export needs --out F (or --out - for standard output)"));
        if (!target.equals("-")) {
            Path p = Path.of(target).toAbsolutePath();
            if (Files.isDirectory(p)) {
                throw new UsageException("--out " + target + " is a directory; name the CSV file to write");
            }
            if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
                throw new UsageException("--out " + target + ": the directory " + p.getParent() + " does not exist");
            }
        }
        try (PrismStore store = open(storeConfig(a))) {
            RunInfo run;
            if (a.has("run")) {
                int n = a.intOption("run", -1);
                run = store.run(n).orElseThrow(() -> new BadInput("there is no run " + n + "; 'prism runs' lists them"));
            } else {
                run = store.latestRun().orElseThrow(() -> new BadInput("there is no stored run yet; run 'prism classify' first"));
            }
            List<String> schemes = a.list("scheme");
            Set<String> inRun = run.schemes().stream().map(RunInfo.SchemeInfo::schemeId).collect(Collectors.toSet());
            for (String s : schemes) {
                if (!inRun.contains(s)) {
                    throw new BadInput("run " + run.number() + " has no scheme " + s + "; it has " + String.join(", ", inRun));
                }
            }
            long rows;
            if (target.equals("-")) {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                rows = store.export(run.number(), schemes, w);
                w.flush();
            } else {
                Path p = Path.of(target).toAbsolutePath();
                Path tmp = p.resolveSibling(p.getFileName() + ".part");
                try {
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        rows = store.export(run.number(), schemes, w);
                    }
                    Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    err.println("prism: cannot write " + p + ": " + e + "; nothing was written");
                    return FAILURE;
                } catch (RuntimeException | Error e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                out.printf(Locale.ROOT, "Exported %,d rows of run %d (as of %s) to %s%n", rows, run.number(), run.asOf(), p);
            }
            return OK;
        }
    }

    private int schemes(Args a) throws UsageException {
        if (a.has("db") || a.has("jdbc") || Files.isDirectory(StoreConfig.defaultDerbyDirectory())) {
            open(storeConfig(a)).close(); // its rule schemes are listed too
        }
        List<InstalledScheme> all = registry.schemes();
        out.printf("%-20s %-22s %-9s %s%n", "ID", "NAME", "VERSION", "BUNDLE");
        for (InstalledScheme s : all) {
            out.printf("%-20s %-22s %-9s %s %s%n", s.id(), s.scheme().name(), s.scheme().version(), s.bundle(),
                    s.bundleVersion());
        }
        if (all.isEmpty()) {
            out.println("(no scheme is installed)");
        }
        return OK;
    }

    private int runs(Args a) throws UsageException, ImportException, BadInput, IOException {
        try (PrismStore store = open(storeConfig(a))) {
            List<RunInfo> runs = store.runs();
            if (runs.isEmpty()) {
                out.println("(no stored run)");
            }
            for (RunInfo r : runs) {
                out.printf(Locale.ROOT, "Run %d  as of %s  made %s  %,d customers%n", r.number(), r.asOf(),
                        r.createdAt().toString().replace('T', ' '), r.customers());
                for (RunInfo.SchemeInfo s : r.schemes()) {
                    boolean installed = registry.find(s.schemeId()).isPresent();
                    out.printf("  %-20s %-8s %s%s%s%n", s.schemeId(), s.version(), Reports.countsText(registry, s.schemeId(), s.counts()),
                            s.baseRun() == null ? "" : String.format(Locale.ROOT, "  [stored: %,d changed; the rest as in run %d]",
                                    s.stored(), s.baseRun()),
                            installed ? "" : "  (not installed)");
                    Reports.model(out, s);
                }
            }
            return OK;
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<RunEngine.SchemeSpec> specs(List<String> ids, List<String> sets) throws UsageException {
        List<InstalledScheme> chosen = new ArrayList<>();
        if (ids.isEmpty()) {
            chosen.addAll(registry.schemes());
        } else {
            for (String id : ids) {
                chosen.add(registry.find(id).orElseThrow(() -> new UsageException("no installed scheme '" + id
                        + "'; installed: " + registry.schemes().stream().map(InstalledScheme::id).collect(Collectors.joining(", ")))));
            }
        }
        Map<String, Map<String, String>> overrides = new TreeMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new UsageException("--set expects ID.KEY=VALUE, found '" + s + "'");
            }
            String key = s.substring(0, eq);
            InstalledScheme target = null;
            for (InstalledScheme i : registry.schemes()) {
                if (key.startsWith(i.id() + ".") && (target == null || i.id().length() > target.id().length())) {
                    target = i;
                }
            }
            if (target == null) {
                throw new UsageException("--set " + s + ": no installed scheme is named by '" + key + "'");
            }
            overrides.computeIfAbsent(target.id(), k -> new LinkedHashMap<>())
                    .put(key.substring(target.id().length() + 1), s.substring(eq + 1));
        }
        List<RunEngine.SchemeSpec> specs = new ArrayList<>();
        for (InstalledScheme i : registry.schemes()) { // validate settings even for schemes not chosen
            try {
                Settings st = Settings.of(i.scheme(), overrides.getOrDefault(i.id(), Map.of()));
                if (chosen.contains(i)) {
                    specs.add(new RunEngine.SchemeSpec(i, st));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--set: " + e.getMessage());
            }
        }
        specs.sort((x, y) -> Integer.compare(chosen.indexOf(x.installed()), chosen.indexOf(y.installed())));
        return specs;
    }

    private void reportFailures(RunResult result) {
        for (RunResult.SchemeFailure f : result.failures()) {
            err.printf("prism: %s; its results were not stored, the other schemes' were%n", f.describe());
        }
    }

    private StoreConfig storeConfig(Args a) throws UsageException {
        if (a.has("jdbc")) {
            if (a.has("db")) {
                throw new UsageException("give either --db DIR or --jdbc URL, not both");
            }
            String url = a.option("jdbc").get();
            if (java.util.regex.Pattern.compile("(?i)[?&;]password=|//[^/@]*:[^/@]*@").matcher(url).find()) {
                // never echoed back: error messages and logs name the URL
                throw new UsageException("--jdbc: the URL holds a password; pass it in PRISM_DB_PASSWORD instead");
            }
            return StoreConfig.server(url, a.option("user").orElse(null), env.get("PRISM_DB_PASSWORD"));
        }
        if (a.has("db") && a.option("db").get().isBlank()) {
            throw new UsageException("--db needs a directory, found an empty name");
        }
        return StoreConfig.derby(a.option("db").map(Path::of).orElse(StoreConfig.defaultDerbyDirectory()));
    }

    /** Opens the store, and makes its rule schemes installed schemes for this command. */
    private PrismStore open(StoreConfig config) {
        PrismStore store = PrismStore.open(config, message -> err.println("prism: " + message));
        prism.cli.internal.RuleCommands.install(store, err);
        return store;
    }

    private static LocalDate date(String s, LocalDate def) throws UsageException {
        if (s == null) {
            return def;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < 1 || d.getYear() > 9999) {
                throw new UsageException("--as-of expects a year from 1 to 9999, found '" + s + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException("--as-of expects a date YYYY-MM-DD, found '" + s + "'");
        }
    }

    /** Whether two paths name the same file, links resolved (false when either does not exist yet). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static double secs(long t0) {
        return Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
