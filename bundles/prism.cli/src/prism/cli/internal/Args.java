package prism.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The parsed command line: one command and its {@code --name value} options, parsed by picocli from the
 * table of commands below (which also gives each command's {@code --help} and the shell completion).
 */
public final class Args {

    /** An option: its name (without the dashes), what its value is, and what it does. */
    private record Opt(String name, String label, String description) {
    }

    private static final Opt DB = new Opt("db", "DIR", "an embedded Derby database (default ~/.prism/db)");
    private static final Opt JDBC = new Opt("jdbc", "URL", "a database server, jdbc:postgresql://HOST:5432/DB (password in PRISM_DB_PASSWORD)");
    private static final Opt USER = new Opt("user", "U", "the server's user, with --jdbc");
    private static final Opt AS_OF = new Opt("as-of", "DATE", "the as-of date, YYYY-MM-DD (default today)");
    private static final Opt SEED = new Opt("seed", "S", "the sample's random seed (default 42)");

    /** Each command, what it does, and the options it takes: the one place the command line is declared. */
    private static final Map<String, List<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        command("demo", "generate a sample data set, import it, classify, print a summary",
                new Opt("customers", "N", "how many customers (default 10,000)"), SEED, AS_OF, DB, JDBC, USER);
        command("generate", "write customers.csv, orders.csv, interactions.csv",
                new Opt("customers", "N", "how many customers"), new Opt("out", "DIR", "the directory to write to"), SEED, AS_OF);
        command("import", "load CSV files, all or nothing",
                new Opt("customers", "F", "a customers file"), new Opt("orders", "F", "an orders file"),
                new Opt("interactions", "F", "an interactions file"),
                new Opt("rejects", "REPORT", "land the good rows; list every rejected one with its reason here"), DB, JDBC, USER);
        command("classify", "run the schemes and store the run",
                new Opt("scheme", "ID,…", "the schemes to run (default: all installed)"), AS_OF,
                new Opt("set", "ID.KEY=VALUE", "a scheme's setting for this run (repeatable)"),
                new Opt("full", "true", "compute every customer's facts anew"),
                new Opt("scheme-timeout", "S", "stop waiting for a scheme stuck this many seconds on one customer (default 60)"), DB, JDBC, USER);
        command("export", "write customer_id,scheme,class,score,explanation",
                new Opt("out", "F", "the CSV file (- for standard output)"), new Opt("scheme", "ID,…", "the schemes (default: all of the run)"),
                new Opt("run", "N", "the run (default: the latest)"), DB, JDBC, USER);
        command("schemes", "the installed schemes: id, name, version, bundle", DB, JDBC, USER);
        command("runs", "the stored runs: number, as-of date, schemes, counts", DB, JDBC, USER);
        command("plugins", "the installed features (plugins): id, version, provider; with --repository, what a repository offers",
                new Opt("repository", "URL", "a p2 repository: a folder, a zip, or a file:/http: URL"));
        command("install", "install a plugin's feature from a p2 repository (used from the next command on)",
                new Opt("repository", "URL", "the p2 repository: a folder, a zip, or a file:/http: URL"),
                new Opt("feature", "ID", "the feature to install (prism plugins --repository URL lists them)"));
        command("uninstall", "remove an installed plugin's feature; the runs its schemes stored stay readable",
                new Opt("feature", "ID", "the feature to remove (prism plugins lists them)"));
        command("rules", "analysts' rule schemes in the database: rules list | add FILE | check FILE | export ID | remove ID",
                new Opt("out", "F", "with export: the JSON file to write (default standard output)"), DB, JDBC, USER);
        command("completion", "print a bash completion script: source <(prism completion)");
        command("help", "every command");
    }

    private static void command(String name, String description, Opt... options) {
        List<Object> spec = new ArrayList<>();
        spec.add(description);
        spec.addAll(Arrays.asList(options));
        COMMANDS.put(name, spec);
    }

    /** What {@code prism help} prints: every command with its options at a glance (each command's own --help has the details). */
    public static final String OVERVIEW = """
            Usage: prism [COMMAND] [OPTIONS]
              (no command)                 open the workbench
              demo [--customers N] [--seed S] [--as-of DATE]
                                           generate a sample data set, import it, classify, print a summary
                                           (into ~/.prism/demo-db unless --db is given)
              generate --customers N --out DIR [--seed S] [--as-of DATE]
                                           write customers.csv, orders.csv, interactions.csv
              import [--customers F] [--orders F] [--interactions F] [--rejects REPORT]
                                           load CSV files, all or nothing (with --rejects: the good rows,
                                           and every rejected row with its reason in REPORT)
              classify [--scheme ID,…] [--as-of DATE] [--set ID.KEY=VALUE …] [--full true] [--scheme-timeout S]
                                           run the schemes (default: all installed) and store the run; facts
                                           of customers not imported since the last run of that date are reused
              export --out F [--scheme ID,…] [--run N]
                                           write customer_id,scheme,class,score,explanation (default: latest run;
                                           --out - writes to standard output)
              schemes                      the installed schemes: id, name, version, bundle
              runs                         the stored runs: number, as-of date, schemes, counts
              plugins [--repository URL]   the installed features (plugins), or those a p2 repository offers
              install --repository URL --feature ID
                                           install a plugin from a p2 repository (a folder, a zip, file: or http:)
              uninstall --feature ID       remove a plugin; the runs its schemes stored stay readable
              rules list | add FILE | check FILE | export ID [--out F] | remove ID
                                           analysts' rule schemes: stored in the database, versioned, run like
                                           any installed scheme (remove keeps past runs' results)
              completion                   a bash completion script: source <(prism completion)
              help                         this text; prism COMMAND --help gives a command's options
            Every command takes --db DIR (an embedded Derby database; default ~/.prism/db) or
            --jdbc URL --user U (a server; the password comes from PRISM_DB_PASSWORD).
            Exit codes: 0 ok, 1 bad input, 2 usage, 3 failure; for plugins also 4 the repository cannot be
            read, 5 the plugin needs what this Prism does not have.
            """;

    private static final Set<String> REPEATABLE = Set.of("set");
    /** Commands that take words after them: {@code rules add FILE}. */
    private static final Set<String> POSITIONAL = Set.of("rules");

    private final String command;
    private final Map<String, List<String>> options;

    private Args(String command, Map<String, List<String>> options) {
        this.command = command;
        this.options = options;
    }

    /** The picocli model of the whole command line. */
    public static CommandLine commandLine() {
        CommandSpec root = CommandSpec.create().name("prism");
        root.usageMessage().description("Customer classification, headless.");
        for (Map.Entry<String, List<Object>> c : COMMANDS.entrySet()) {
            CommandSpec sub = CommandSpec.create().name(c.getKey());
            sub.usageMessage().description((String) c.getValue().get(0));
            for (Object o : c.getValue().subList(1, c.getValue().size())) {
                Opt opt = (Opt) o;
                OptionSpec.Builder b = OptionSpec.builder("--" + opt.name()).paramLabel(opt.label()).description(opt.description())
                        .arity("1");
                if (REPEATABLE.contains(opt.name())) {
                    b.type(List.class).auxiliaryTypes(String.class);
                } else {
                    b.type(String.class);
                }
                sub.addOption(b.build());
            }
            sub.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this command's options").build());
            if (POSITIONAL.contains(c.getKey())) {
                sub.addPositional(CommandLine.Model.PositionalParamSpec.builder().paramLabel("ACTION [FILE|ID]").arity("1..2")
                        .type(List.class).auxiliaryTypes(String.class).description("list, add FILE, check FILE, export ID, remove ID").build());
            }
            root.addSubcommand(c.getKey(), sub);
        }
        CommandLine cl = new CommandLine(root);
        cl.setUnmatchedOptionsAllowedAsOptionParameters(true); // values that start with a dash: "--seed -5", "--out -"
        return cl;
    }

    public static Args parse(String... argv) throws UsageException {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            return new Args("help", Map.of());
        }
        if (!COMMANDS.containsKey(argv[0])) {
            throw new UsageException(argv[0].startsWith("-") ? "expected a command before " + argv[0]
                    : "unknown command '" + argv[0] + "'; expected " + String.join(", ", COMMANDS.keySet()));
        }
        ParseResult sub;
        try {
            sub = commandLine().parseArgs(argv).subcommand();
        } catch (CommandLine.UnmatchedArgumentException e) {
            String first = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            if (first.startsWith("--")) {
                throw new UsageException("'" + argv[0] + "' does not take " + first.replaceFirst("=.*", "") + "; it takes "
                        + String.join(", ", new TreeSet<>(optionNames(argv[0]))));
            }
            throw new UsageException("unexpected argument '" + first + "' after command '" + argv[0] + "'");
        } catch (CommandLine.OverwrittenOptionException e) {
            throw new UsageException("option " + (e.getOverwritten() instanceof OptionSpec o ? o.longestName() : String.valueOf(e.getOverwritten())) + " is given twice");
        } catch (CommandLine.MissingParameterException e) {
            CommandLine.Model.ArgSpec missing = e.getMissing().get(0);
            throw new UsageException("option " + (missing instanceof OptionSpec o ? o.longestName() : missing.paramLabel()) + " needs a value");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (sub.isUsageHelpRequested()) {
            return new Args("help", Map.of("command", List.of(argv[0])));
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (OptionSpec o : sub.matchedOptions()) {
            String name = o.longestName().substring(2);
            Object v = o.getValue();
            List<String> values = new ArrayList<>();
            if (v instanceof List<?> l) {
                l.forEach(x -> values.add(String.valueOf(x)));
            } else {
                values.add(String.valueOf(v));
            }
            options.put(name, values);
        }
        for (CommandLine.Model.PositionalParamSpec p : sub.matchedPositionals()) {
            List<String> words = new ArrayList<>();
            if (p.getValue() instanceof List<?> l) {
                l.forEach(x -> words.add(String.valueOf(x)));
            }
            options.put("args", words);
        }
        if (options.containsKey("user") && !options.containsKey("jdbc")) {
            throw new UsageException("--user goes with --jdbc URL");
        }
        return new Args(argv[0], options);
    }

    private static List<String> optionNames(String command) {
        return COMMANDS.get(command).subList(1, COMMANDS.get(command).size()).stream().map(o -> "--" + ((Opt) o).name()).toList();
    }

    /** One command's options, as {@code prism COMMAND --help} prints them. */
    public static String usage(String command) {
        return commandLine().getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** A bash script that completes prism's commands and options. */
    public static String completionScript() {
        return AutoComplete.bash("prism", commandLine());
    }

    public String command() {
        return command;
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public Optional<String> option(String name) {
        List<String> v = options.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    /** An option the command cannot do without. */
    public String require(String name) throws UsageException {
        return option(name).orElseThrow(() -> new UsageException(command + " needs --" + name));
    }

    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** A comma-separated option as a list (empty when absent). */
    public List<String> list(String name) {
        return option(name).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    public int intOption(String name, int def) throws UsageException {
        Optional<String> v = option(name);
        if (v.isEmpty()) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.get().replace("_", ""));
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number of 0 or more, found '" + v.get() + "'");
        }
    }

    public long longOption(String name, long def) throws UsageException {
        Optional<String> v = option(name);
        if (v.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number, found '" + v.get() + "'");
        }
    }
}
