package prism.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.parser.*;

import prism.core.facts.Facts;
import prism.core.model.Customer;
import prism.rules.RuleException;

/**
 * The condition language of rule schemes: Commons JEXL locked down to expressions (no loops, side effects,
 * object creation, method calls, lambdas, pragmas or scripts; permissions that reach no Java class), and
 * over that a check of every node against a short list of what a condition may contain, with a type for
 * each, so that an unknown name or a date compared with a number is refused before any customer is
 * classified. Dates compare only with dates; {@code recency_days <= 30} is the idiom for "recent".
 */
public final class Conditions {

    /** The longest condition accepted, and the deepest nesting: no analyst needs more; a hostile document gets no further. */
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_DEPTH = 40;

    enum Type { NUMBER, DATE, STRING, BOOLEAN, NULL, NUMBER_LIST, STRING_LIST;
        String said() {
            return switch (this) {
                case NUMBER -> "a number"; case DATE -> "a date"; case STRING -> "a string"; case BOOLEAN -> "true or false";
                case NULL -> "null"; case NUMBER_LIST -> "a list of numbers"; case STRING_LIST -> "a list of strings";
            };
        }
    }

    private static final Set<String> DATE_FACTS = Set.of("first_order", "last_order", "first_purchase", "last_purchase");

    /** The customer's own fields by name, with their type and how to read them. */
    private static final Map<String, Function<Customer, Object>> FIELDS = new LinkedHashMap<>();
    private static final Map<String, Type> FIELD_TYPES = new LinkedHashMap<>();
    static {
        field("name", Customer::name, Type.STRING);
        field("kind", Customer::kind, Type.STRING);
        field("role", Customer::role, Type.STRING);
        field("country", Customer::country, Type.STRING);
        field("region", Customer::region, Type.STRING);
        field("city", Customer::city, Type.STRING);
        field("industry", Customer::industry, Type.STRING);
        field("plan", Customer::plan, Type.STRING);
        field("created", Customer::created, Type.DATE);
        field("refused", Customer::refused, Type.BOOLEAN);
    }

    private static void field(String name, Function<Customer, Object> read, Type type) {
        FIELDS.put(name, read);
        FIELD_TYPES.put(name, type);
    }

    static final JexlFeatures FEATURES = new JexlFeatures().loops(false).sideEffect(false).sideEffectGlobal(false)
            .newInstance(false).methodCall(false).lambda(false).fatArrow(false).thinArrow(false).pragma(false)
            .pragmaAnywhere(false).namespacePragma(false).importPragma(false).annotation(false).script(false)
            .localVar(false).register(false).arrayReferenceExpr(false).structuredLiteral(true);

    static final JexlEngine ENGINE = new JexlBuilder().features(FEATURES).permissions(JexlPermissions.NONE)
            .arithmetic(new NullFalseArithmetic()).strict(false).silent(false).safe(false).antish(true).cache(0).create();

    /**
     * A condition checked: its text, the names it reads in order, where its text starts in its file, and
     * its syntax tree (for the direct evaluator and the editor's pickers).
     */
    public record Checked(String text, List<String> names, String file, int line, int column, JexlNode expression) {
    }

    private Conditions() {
    }

    /**
     * Checks a condition that starts (its opening quote) at {@code line}:{@code column} of {@code file}.
     *
     * @throws RuleException at the position of what is wrong
     */
    public static Checked check(String file, int line, int column, String text) throws RuleException {
        Position at = new Position(file, line, column);
        if (text.isBlank()) {
            throw at.error(1, 1, "expected a condition, such as \"orders >= 2\"");
        }
        if (text.length() > MAX_LENGTH) {
            throw at.error(1, 1, "a condition of at most " + String.format("%,d", MAX_LENGTH) + " characters, found "
                    + String.format("%,d", text.length()));
        }
        depth(at, text);
        ASTJexlScript script;
        try {
            script = new Parser(new StringProvider(text)).parse(new JexlInfo(file, 1, 1), FEATURES, text, null);
        } catch (JexlException e) {
            JexlInfo i = e.getInfo();
            throw at.error(i == null ? 1 : i.getLine(), i == null ? 1 : i.getColumn(), reason(e));
        } catch (RuntimeException | StackOverflowError e) {
            throw at.error(1, 1, "a condition JEXL can parse: " + e.getMessage());
        }
        if (script.jjtGetNumChildren() != 1) {
            throw at.error(1, 1, "one expression, without ';'");
        }
        Set<String> names = new LinkedHashSet<>();
        Type t = new Typer(at, names).type(script.jjtGetChild(0));
        if (t != Type.BOOLEAN) {
            throw at.error(script.jjtGetChild(0), "a condition that is true or false, found " + t.said());
        }
        return new Checked(text, List.copyOf(names), file, line, column, script.jjtGetChild(0));
    }

    /** The compiled form of a checked condition, made once per run. */
    public static JexlExpression compile(Checked c) {
        return ENGINE.createExpression(new JexlInfo(c.file(), c.line(), c.column()), c.text());
    }

    /** JEXL's evaluation of a condition; one that fails on a customer (a division by zero) does not hold. */
    public static Predicate<Facts> interpreted(Checked c) {
        JexlExpression compiled = compile(c);
        Map<String, Function<Facts, Object>> readers = new LinkedHashMap<>();
        for (String name : c.names()) {
            readers.put(name, reader(name));
        }
        // Each classifying thread its own context: the context holds the customer being classified
        ThreadLocal<FactsContext> contexts = ThreadLocal.withInitial(() -> new FactsContext(readers));
        return f -> {
            try {
                return Boolean.TRUE.equals(compiled.evaluate(contexts.get().of(f)));
            } catch (JexlException e) {
                return false;
            }
        };
    }

    /** How to read a name of a condition from a customer's facts. */
    public static Function<Facts, Object> reader(String name) {
        if (name.startsWith("attr.")) {
            String a = name.substring(5);
            return f -> f.customer().attributes().get(a);
        }
        Function<Customer, Object> field = FIELDS.get(name);
        if (field != null) {
            return f -> field.apply(f.customer());
        }
        return f -> f.value(name);
    }

    /** Every name a condition may use, for pickers and messages. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Facts.NAMES);
        all.addAll(FIELD_TYPES.keySet());
        all.add("attr.NAME");
        return all;
    }

    static Type typeOf(String name) {
        if (Facts.NAMES.contains(name)) {
            return DATE_FACTS.contains(name) ? Type.DATE : Type.NUMBER;
        }
        if (name.startsWith("attr.") && name.length() > 5) {
            return Type.STRING;
        }
        return FIELD_TYPES.get(name);
    }

    private static void depth(Position at, String text) throws RuleException {
        int depth = 0, line = 1, column = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            column++;
            if (ch == '\n') {
                line++;
                column = 0;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                if (++depth > MAX_DEPTH) {
                    throw at.error(line, column, "at most " + MAX_DEPTH + " levels of parentheses");
                }
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
            }
        }
    }

    private static String reason(JexlException e) {
        String m = e instanceof JexlException.Feature f ? "not allowed in a condition: " + f.getMessage() : e.getMessage();
        // JEXL's message starts with the position it already gave: keep what was wrong
        String detail = m.replaceFirst("^.*?\\d+:\\d+ ", "").trim();
        return (detail.isEmpty() ? m : detail).replace("parse error in ''", "syntax error")
                + "; expected facts, attributes, numbers, strings, lists, comparisons, &&, || and !";
    }

    /** Where a condition's text starts in its file: positions in the text become positions in the file. */
    record Position(String file, int line, int column) {
        RuleException error(int l, int c, String problem) {
            return new RuleException(file, line + l - 1, l == 1 ? column + c : c, problem);
        }

        RuleException error(JexlNode n, String problem) {
            JexlNode first = n;
            while (first.jjtGetNumChildren() > 0 && !(first instanceof ASTArrayLiteral)) {
                first = first.jjtGetChild(0);
            }
            return error(Math.max(1, first.getLine()), Math.max(1, first.getColumn()), problem);
        }
    }

    /** The type of each node, refusing any node a condition may not have. */
    private record Typer(Position at, Set<String> names) {

        Type type(JexlNode n) throws RuleException {
            if (n instanceof ASTTrueNode || n instanceof ASTFalseNode) {
                return Type.BOOLEAN;
            }
            if (n instanceof ASTNullLiteral) {
                return Type.NULL;
            }
            if (n instanceof ASTNumberLiteral) {
                return Type.NUMBER;
            }
            if (n instanceof ASTStringLiteral) {
                return Type.STRING;
            }
            if (n instanceof ASTReferenceExpression && n.jjtGetNumChildren() == 1) {
                return type(n.jjtGetChild(0)); // ( … )
            }
            if (n instanceof ASTIdentifier id) {
                return name(n, id.getName());
            }
            if (n instanceof ASTReference) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                    JexlNode part = n.jjtGetChild(i);
                    if (part instanceof ASTIdentifier id && i == 0) {
                        b.append(id.getName());
                    } else if (part instanceof ASTIdentifierAccess acc && !acc.isSafe() && !acc.isExpression()) {
                        b.append('.').append(acc.getName());
                    } else {
                        throw at.error(part, "a fact or attribute name such as count90.complaint or attr.tier");
                    }
                }
                return name(n, b.toString());
            }
            if (n instanceof ASTArrayLiteral) {
                Set<Type> items = new LinkedHashSet<>();
                for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                    items.add(type(n.jjtGetChild(i)));
                }
                if (items.equals(Set.of(Type.STRING))) {
                    return Type.STRING_LIST;
                }
                if (items.equals(Set.of(Type.NUMBER))) {
                    return Type.NUMBER_LIST;
                }
                throw at.error(n, "a list of strings or a list of numbers, such as ['DE', 'AT']");
            }
            if (n instanceof ASTAndNode || n instanceof ASTOrNode) {
                for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                    expect(n.jjtGetChild(i), Type.BOOLEAN, n instanceof ASTAndNode ? "&&" : "||");
                }
                return Type.BOOLEAN;
            }
            if (n instanceof ASTNotNode) {
                expect(n.jjtGetChild(0), Type.BOOLEAN, "!");
                return Type.BOOLEAN;
            }
            if (n instanceof ASTEQNode || n instanceof ASTNENode) {
                Type l = type(n.jjtGetChild(0)), r = type(n.jjtGetChild(1));
                if (l != r && l != Type.NULL && r != Type.NULL) {
                    throw at.error(n, "cannot compare " + l.said() + " with " + r.said());
                }
                return Type.BOOLEAN;
            }
            if (n instanceof ASTLTNode || n instanceof ASTGTNode || n instanceof ASTLENode || n instanceof ASTGENode) {
                Type l = type(n.jjtGetChild(0)), r = type(n.jjtGetChild(1));
                if (!(l == r && (l == Type.NUMBER || l == Type.DATE))) {
                    throw at.error(n, "cannot order " + l.said() + " against " + r.said()
                            + ": numbers compare with numbers, dates with dates (recency_days <= 30 for recent buyers)");
                }
                return Type.BOOLEAN;
            }
            if (n instanceof ASTERNode || n instanceof ASTNRNode) {
                Type l = type(n.jjtGetChild(0)), r = type(n.jjtGetChild(1));
                if (!(l == Type.STRING && r == Type.STRING_LIST || l == Type.NUMBER && r == Type.NUMBER_LIST)) {
                    throw at.error(n, "=~ and !~ test membership of a string or number in a list such as ['DE', 'AT'], found "
                            + l.said() + " =~ " + r.said());
                }
                return Type.BOOLEAN;
            }
            if (n instanceof ASTAddNode || n instanceof ASTSubNode || n instanceof ASTMulNode || n instanceof ASTDivNode
                    || n instanceof ASTModNode) {
                for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                    expect(n.jjtGetChild(i), Type.NUMBER, "arithmetic");
                }
                return Type.NUMBER;
            }
            if (n instanceof ASTUnaryMinusNode) {
                expect(n.jjtGetChild(0), Type.NUMBER, "-");
                return Type.NUMBER;
            }
            throw at.error(n, "not allowed in a condition: " + text(n)
                    + "; expected facts, attributes, numbers, strings, lists, comparisons, &&, || and !");
        }

        private void expect(JexlNode n, Type want, String op) throws RuleException {
            Type t = type(n);
            if (t != want) {
                throw at.error(n, op + " needs " + want.said() + ", found " + t.said());
            }
        }

        private Type name(JexlNode n, String name) throws RuleException {
            Type t = typeOf(name);
            if (t == null) {
                throw at.error(n, "unknown fact or attribute '" + name + "'; expected a fact (" + String.join(", ", Facts.NAMES)
                        + "), a customer field (" + String.join(", ", FIELD_TYPES.keySet()) + ") or attr.NAME");
            }
            names.add(name);
            return t;
        }

        private static String text(JexlNode n) {
            String s = n.toString();
            String kind = n.getClass().getSimpleName().replaceFirst("^AST", "").replaceFirst("Node$", "");
            return kind + (s.isEmpty() || s.equals(kind) ? "" : " (" + s + ")");
        }
    }

    /** Comparisons with a missing fact (null) are false rather than null counting as 0. */
    static final class NullFalseArithmetic extends JexlArithmetic {
        NullFalseArithmetic() {
            super(false);
        }

        /** Membership in a literal list by value: 3 is in [1, 2, 3.0], as the direct evaluator has it. */
        @Override
        public Boolean contains(Object container, Object value) {
            if (value == null) {
                return false;
            }
            if (container instanceof Object[] items) {
                for (Object item : items) {
                    if (Direct.equal(value, item)) {
                        return true;
                    }
                }
                return false;
            }
            if (container != null && container.getClass().isArray()) {
                for (int i = 0, n = java.lang.reflect.Array.getLength(container); i < n; i++) {
                    if (Direct.equal(value, java.lang.reflect.Array.get(container, i))) {
                        return true;
                    }
                }
                return false;
            }
            return super.contains(container, value);
        }

        @Override
        public boolean lessThan(Object l, Object r) {
            return l != null && r != null && super.lessThan(l, r);
        }

        @Override
        public boolean lessThanOrEqual(Object l, Object r) {
            return l != null && r != null && super.lessThanOrEqual(l, r);
        }

        @Override
        public boolean greaterThan(Object l, Object r) {
            return l != null && r != null && super.greaterThan(l, r);
        }

        @Override
        public boolean greaterThanOrEqual(Object l, Object r) {
            return l != null && r != null && super.greaterThanOrEqual(l, r);
        }
    }
}
