package prism.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import prism.rules.internal.Conditions;
import prism.rules.internal.Json;

/**
 * A rule scheme as analysts write it (DESIGN.md, "Rule schemes written by analysts"): an id starting with
 * {@code rules.}, a name, classes tested in order, each with the condition ({@code when}) that puts a
 * customer in it. {@link #parse} refuses a malformed document with the file, line and column.
 */
public record RuleDocument(String id, String name, int version, String description, List<RuleClass> classes, String text) {

    /** One class of a rule scheme; {@code contactsPerYear} null when the document gives none. */
    public record RuleClass(String id, String label, String colour, String when, String description, String strategy,
            Double contactsPerYear) {
    }

    private static final Pattern ID = Pattern.compile("rules\\.[a-z0-9][a-z0-9_.-]{0,60}");
    private static final Pattern CLASS_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,60}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    /** Colours for classes that name none, in order (ColorBrewer's Set2 and Dark2). */
    private static final List<String> PALETTE = List.of("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f",
            "#e5c494", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e");
    private static final Set<String> KEYS = Set.of("id", "name", "version", "description", "classes");
    private static final Set<String> CLASS_KEYS = Set.of("id", "label", "colour", "color", "when", "description", "strategy",
            "contactsPerYear");

    /** Whether {@code id} is a rule scheme's id ({@code rules.} and lower-case letters, digits, _ . -). @since 1.1 */
    public static boolean isSchemeId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Whether {@code id} may name a class of a rule scheme. @since 1.1 */
    public static boolean isClassId(String id) {
        return id != null && CLASS_ID.matcher(id).matches() && !id.equals("none");
    }

    /**
     * The JSON document of DESIGN.md for these parts, as an editor saves it ({@code version} is left to the
     * store); {@link #parse} reads it back.
     *
     * @since 1.1
     */
    public static String json(String id, String name, String description, List<RuleClass> classes) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("id", id);
            field(g, "name", name);
            field(g, "description", description);
            g.writeArrayFieldStart("classes");
            for (RuleClass c : classes) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                field(g, "label", c.label());
                field(g, "colour", c.colour());
                g.writeStringField("when", c.when());
                field(g, "description", c.description());
                field(g, "strategy", c.strategy());
                if (c.contactsPerYear() != null) {
                    double v = c.contactsPerYear();
                    if (v == Math.rint(v)) {
                        g.writeNumberField("contactsPerYear", (long) v);
                    } else {
                        g.writeNumberField("contactsPerYear", v);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString() + "\n";
    }

    private static void field(com.fasterxml.jackson.core.JsonGenerator g, String key, String value) throws java.io.IOException {
        if (value != null && !value.isBlank()) {
            g.writeStringField(key, value);
        }
    }

    /** The document with its version set, as the store gives it back. */
    public RuleDocument withVersion(int v) {
        return new RuleDocument(id, name, v, description, classes, text);
    }

    /**
     * Reads and checks a document: the JSON, the keys, the ids, the colours, and every condition (its syntax,
     * the names it reads, their types).
     *
     * @param file how messages name the document (a path, or the scheme's id when read from the database)
     */
    public static RuleDocument parse(String file, String text) throws RuleException {
        Json.Node root = Json.parse(file, text);
        if (!(root.value() instanceof Map)) {
            throw error(file, root, "expected a JSON object { \"id\": \"rules.…\", \"name\": …, \"classes\": [ … ] }");
        }
        Map<String, Json.Node> o = root.object();
        unknownKeys(file, o, KEYS, "a rule scheme");
        String id = string(file, root, o, "id", true);
        if (!ID.matcher(id).matches()) {
            throw error(file, o.get("id"), "an id starting with \"rules.\" (lower-case letters, digits, _ . -), found \"" + id + "\"");
        }
        String name = string(file, root, o, "name", false);
        String description = string(file, root, o, "description", false);
        int version = 0;
        if (o.containsKey("version")) {
            if (!(o.get("version").value() instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0) {
                throw error(file, o.get("version"), "a version as a whole number");
            }
            version = ((Number) o.get("version").value()).intValue();
        }
        Json.Node cs = o.get("classes");
        if (cs == null || !(cs.value() instanceof List) || cs.array().isEmpty()) {
            throw error(file, cs == null ? root : cs, "\"classes\": a list of at least one class");
        }
        List<RuleClass> classes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Json.Node c : cs.array()) {
            if (!(c.value() instanceof Map)) {
                throw error(file, c, "a class { \"id\": …, \"label\": …, \"when\": … }");
            }
            Map<String, Json.Node> m = c.object();
            unknownKeys(file, m, CLASS_KEYS, "a class");
            String cid = string(file, c, m, "id", true);
            if (!CLASS_ID.matcher(cid).matches()) {
                throw error(file, m.get("id"), "a class id of lower-case letters, digits, _ and -, found \"" + cid + "\"");
            }
            if (cid.equals("none")) {
                throw error(file, m.get("id"), "another class id: \"none\" is the class of customers no condition holds for");
            }
            if (!ids.add(cid)) {
                throw error(file, m.get("id"), "a class id not used before in this scheme: \"" + cid + "\" is a duplicate");
            }
            String colourKey = m.containsKey("colour") ? "colour" : "color";
            String colour = string(file, c, m, colourKey, false);
            if (colour == null) {
                colour = PALETTE.get(classes.size() % PALETTE.size());
            } else if (!COLOUR.matcher(colour).matches()) {
                throw error(file, m.get(colourKey), "a colour as #rrggbb, such as #08519c, found \"" + colour + "\"");
            }
            Json.Node when = m.get("when");
            if (when == null || !(when.value() instanceof String w)) {
                throw error(file, when == null ? c : when, "\"when\": the class's condition as a string, such as \"orders >= 2\"");
            }
            Conditions.check(file, when.line(), when.column(), w);
            Double contacts = null;
            if (m.containsKey("contactsPerYear")) {
                if (!(m.get("contactsPerYear").value() instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 365) {
                    throw error(file, m.get("contactsPerYear"), "contactsPerYear as a number from 0 to 365");
                }
                contacts = ((Number) m.get("contactsPerYear").value()).doubleValue();
            }
            String label = string(file, c, m, "label", false);
            classes.add(new RuleClass(cid, label == null ? cid : label, colour.toLowerCase(java.util.Locale.ROOT), w,
                    string(file, c, m, "description", false), string(file, c, m, "strategy", false), contacts));
        }
        return new RuleDocument(id, name == null ? id : name, version, description, List.copyOf(classes), text);
    }

    private static String string(String file, Json.Node at, Map<String, Json.Node> o, String key, boolean required)
            throws RuleException {
        Json.Node n = o.get(key);
        if (n == null || n.value() == null) {
            if (required) {
                throw error(file, at, "\"" + key + "\": a string");
            }
            return null;
        }
        if (!(n.value() instanceof String s)) {
            throw error(file, n, "\"" + key + "\" as a string");
        }
        return s.trim().isEmpty() && !required ? null : s.trim();
    }

    private static void unknownKeys(String file, Map<String, Json.Node> o, Set<String> known, String what) throws RuleException {
        for (Map.Entry<String, Json.Node> e : o.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(file, e.getValue(), "a key of " + what + " (" + String.join(", ", new java.util.TreeSet<>(known))
                        + "), found \"" + e.getKey() + "\"");
            }
        }
    }

    private static RuleException error(String file, Json.Node n, String problem) {
        return new RuleException(file, n.line(), n.column(), problem);
    }
}
