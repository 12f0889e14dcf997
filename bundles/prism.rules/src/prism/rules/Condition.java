package prism.rules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import prism.rules.internal.Conditions;
import prism.rules.internal.Trees;

/**
 * One class's condition on its own, as an editor checks it while the analyst types: its errors with the
 * line and column in the condition's own text, the names it reads, and, when it is a plain combination of
 * comparisons, the same condition as a tree of pickers ({@link Group}s of {@link Comparison}s).
 *
 * @since 1.1
 */
public final class Condition {

    /** A node of a condition made with pickers. */
    public sealed interface Node permits Group, Comparison {
    }

    /** Items joined by AND ({@code all}) or by OR. */
    public record Group(boolean all, List<Node> items) implements Node {
        public Group {
            items = List.copyOf(items);
        }
    }

    /**
     * A name compared with a value: {@code operator} one of {@link #OPERATORS}, {@code value} as written in a
     * condition ({@code 30}, {@code 'DE'}, {@code ['DE', 'AT']}, {@code null}).
     */
    public record Comparison(String name, String operator, String value) implements Node {
    }

    public static final List<String> OPERATORS = List.of("==", "!=", "<", "<=", ">", ">=", "=~", "!~");

    private final String text;
    private final List<String> names;
    private final Group tree;

    private Condition(String text, List<String> names, Group tree) {
        this.text = text;
        this.names = names;
        this.tree = tree;
    }

    /**
     * Checks a condition as {@link RuleDocument#parse} does.
     *
     * @throws RuleException with the line and column in {@code text} (file "condition")
     */
    public static Condition parse(String text) throws RuleException {
        Conditions.Checked c = Conditions.check("condition", 1, 0, text);
        return new Condition(text, c.names(), Trees.of(c.expression()));
    }

    public String text() {
        return text;
    }

    /** The facts and attributes the condition reads, in order. */
    public List<String> names() {
        return names;
    }

    /** The condition as pickers, when it is comparisons joined by AND, OR and parentheses only. */
    public Optional<Group> tree() {
        return Optional.ofNullable(tree);
    }

    /** The text of a picker tree, as {@link #parse} reads it back to the same tree. */
    public static String text(Node n) {
        return text(n, true);
    }

    private static String text(Node n, boolean top) {
        return switch (n) {
            case Comparison t -> t.name() + " " + t.operator() + " " + t.value();
            case Group g when g.items().isEmpty() -> g.all() ? "true" : "false";
            case Group g when g.items().size() == 1 -> text(g.items().get(0), top);
            case Group g -> {
                String s = g.items().stream().map(i -> text(i, false)).collect(Collectors.joining(g.all() ? " && " : " || "));
                yield top ? s : "(" + s + ")";
            }
        };
    }

    /** Every name a condition may read (facts, the customer's fields, and {@code attr.NAME}). */
    public static List<String> knownNames() {
        return Conditions.names();
    }

    /** A string as a condition writes it: quoted, with {@code '} and {@code \} escaped. */
    public static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
