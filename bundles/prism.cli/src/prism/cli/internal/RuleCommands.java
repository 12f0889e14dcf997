package prism.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import prism.rules.RuleDocument;
import prism.rules.RuleException;
import prism.rules.RuleSchemes;
import prism.store.PrismStore;
import prism.store.RuleDocuments;

/** {@code prism rules list | add FILE | check FILE | export ID | remove ID}: the analysts' rule schemes of a database. */
public final class RuleCommands {

    private final PrintStream out;
    private final PrintStream err;

    public RuleCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Exit code 0, or 1 for a refused document or an unknown id. */
    public int run(Args a, prism.store.StoreConfig config) throws UsageException, IOException {
        List<String> words = a.all("args");
        String action = words.isEmpty() ? "" : words.get(0);
        String arg = words.size() > 1 ? words.get(1) : null;
        if (action.equals("check")) {
            RuleDocument d = read(Path.of(need(arg, "check FILE")));
            if (d == null) {
                return 1;
            }
            out.printf("%s: %s, %d classes: no error%n", arg, d.id(), d.classes().size());
            return 0;
        }
        if (!List.of("list", "add", "export", "remove").contains(action)) {
            throw new UsageException("rules expects list, add FILE, check FILE, export ID or remove ID, found '" + action + "'");
        }
        if (action.equals("list") && arg != null) {
            throw new UsageException("rules list takes nothing after it");
        }
        RuleDocument added = null;
        if (action.equals("add")) {
            added = read(Path.of(need(arg, "add FILE")));
            if (added == null) {
                return 1; // nothing stored
            }
        }
        try (PrismStore store = PrismStore.open(config, message -> err.println("prism: " + message))) {
            RuleDocuments docs = store.ruleDocuments();
            switch (action) {
                case "add" -> {
                    RuleDocuments.Stored s = docs.save(added.id(), added.text());
                    out.printf("Saved %s version %d (%d classes); 'prism classify' runs it%n", s.id(), s.version(), added.classes().size());
                }
                case "remove" -> {
                    if (!docs.remove(need(arg, "remove ID"))) {
                        err.println("prism: there is no rule scheme " + arg + "; 'prism rules list' lists them");
                        return 1;
                    }
                    out.printf("Removed %s: new runs leave it out, past runs keep its results%n", arg);
                }
                case "export" -> {
                    var s = docs.latest(need(arg, "export ID")).orElse(null);
                    if (s == null) {
                        err.println("prism: there is no rule scheme " + arg + "; 'prism rules list' lists them");
                        return 1;
                    }
                    String json = withVersion(s.document(), s.version());
                    if (a.has("out")) {
                        Files.writeString(Path.of(a.option("out").get()), json, StandardCharsets.UTF_8);
                    } else {
                        out.print(json.endsWith("\n") ? json : json + "\n");
                    }
                }
                default -> {
                    List<RuleDocuments.Stored> all = docs.latest();
                    out.printf("%-24s %-8s %-20s %s%n", "ID", "VERSION", "SAVED", "NAME");
                    for (RuleDocuments.Stored s : all) {
                        String name = "?";
                        try {
                            name = RuleDocument.parse(s.id(), s.document()).name();
                        } catch (RuleException e) {
                            name = "(cannot be read: " + e.problem() + ")";
                        }
                        out.printf("%-24s %-8d %-20s %s%n", s.id(), s.version(), s.savedAt().toString().replace('T', ' '), name);
                    }
                    if (all.isEmpty()) {
                        out.println("(no rule scheme; add one with 'prism rules add FILE')");
                    }
                }
            }
            return 0;
        }
    }

    /** Registers the database's rule schemes as schemes for this command; a stored one that no longer reads is skipped, said on stderr. */
    public static void install(PrismStore store, PrintStream err) {
        RuleSchemes.installStored(store.ruleDocuments().latest().stream()
                .map(s -> new RuleSchemes.Stored(s.id(), s.version(), s.document())).toList(), m -> err.println("prism: " + m));
    }

    private RuleDocument read(Path file) throws IOException {
        try {
            return RuleDocument.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuleException e) {
            err.println("prism: " + e.getMessage());
            return null;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("prism: " + file + ": no such file");
            return null;
        }
    }

    private static String need(String arg, String usage) throws UsageException {
        if (arg == null) {
            throw new UsageException("rules " + usage + ": the " + usage.substring(usage.indexOf(' ') + 1) + " is missing");
        }
        return arg;
    }

    /** The document as stored, its "version" the stored one, so that a shared file says which it is. */
    static String withVersion(String json, int version) {
        String v = "\"version\": " + version;
        if (json.matches("(?s).*\"version\"\\s*:\\s*\\d+.*")) {
            return json.replaceFirst("\"version\"\\s*:\\s*\\d+", v);
        }
        return json.replaceFirst("\\{", "{ " + v + ",");
    }
}
