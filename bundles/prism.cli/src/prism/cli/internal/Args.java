package prism.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The parsed command line: one command and {@code --name value} options (some repeatable). */
public final class Args {

    private static final Set<String> REPEATABLE = Set.of("set");

    private final String command;
    private final Map<String, List<String>> options;

    private Args(String command, Map<String, List<String>> options) {
        this.command = command;
        this.options = options;
    }

    public static Args parse(String... argv) throws UsageException {
        String command = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help") || a.equals("-h")) {
                command = "help";
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq > 0 && !name.startsWith("set")) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else {
                    if (i + 1 >= argv.length || (argv[i + 1].startsWith("--") && !argv[i + 1].equals("-"))) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
                if (!values.isEmpty() && !REPEATABLE.contains(name)) {
                    throw new UsageException("option --" + name + " is given twice");
                }
                values.add(value);
            } else if (command == null) {
                command = a;
            } else {
                throw new UsageException("unexpected argument '" + a + "' after command '" + command + "'");
            }
        }
        return new Args(command == null ? "help" : command, options);
    }

    public String command() {
        return command;
    }

    /** Fails on any option the command does not take. */
    public void allow(String... names) throws UsageException {
        Set<String> ok = Set.of(names);
        for (String n : options.keySet()) {
            if (!ok.contains(n)) {
                throw new UsageException("'" + command + "' does not take --" + n + "; it takes "
                        + String.join(", ", new TreeSet<>(Arrays.stream(names).map(x -> "--" + x).toList())));
            }
        }
        if (options.containsKey("user") && !options.containsKey("jdbc")) {
            throw new UsageException("--user goes with --jdbc URL");
        }
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public Optional<String> option(String name) {
        List<String> v = options.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
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
