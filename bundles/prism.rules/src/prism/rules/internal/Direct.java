package prism.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.jexl3.parser.*;

import prism.core.facts.Facts;

/**
 * Conditions evaluated straight from their syntax tree, without JEXL's interpreter: comparisons of names with
 * literals, lists, {@code && || !} and parentheses, which is what analysts write and the editor's pickers
 * make. The answer is JEXL's (tests compare the two on random conditions): a missing fact compares as
 * false, numbers compare by value whatever their type, {@code ==} with null tests for a missing value. A
 * condition with anything else (arithmetic) is left to JEXL: {@link #compile} returns null.
 */
public final class Direct {

    private Direct() {
    }

    /** The condition as a predicate, or null when it uses what only JEXL evaluates. */
    public static Predicate<Facts> compile(JexlNode n) {
        try {
            return bool(n);
        } catch (Unsupported e) {
            return null;
        }
    }

    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static Predicate<Facts> bool(JexlNode n) throws Unsupported {
        if (n instanceof ASTTrueNode) {
            return f -> true;
        }
        if (n instanceof ASTFalseNode) {
            return f -> false;
        }
        if (n instanceof ASTReferenceExpression && n.jjtGetNumChildren() == 1) {
            return bool(n.jjtGetChild(0));
        }
        if (n instanceof ASTAndNode || n instanceof ASTOrNode) {
            List<Predicate<Facts>> items = new ArrayList<>();
            for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                items.add(bool(n.jjtGetChild(i)));
            }
            @SuppressWarnings("unchecked")
            Predicate<Facts>[] all = items.toArray(Predicate[]::new);
            if (n instanceof ASTAndNode) {
                return f -> {
                    for (Predicate<Facts> p : all) {
                        if (!p.test(f)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
            return f -> {
                for (Predicate<Facts> p : all) {
                    if (p.test(f)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (n instanceof ASTNotNode) {
            return bool(n.jjtGetChild(0)).negate();
        }
        if (n instanceof ASTIdentifier || n instanceof ASTReference) {
            Function<Facts, Object> v = value(n);
            return f -> Boolean.TRUE.equals(v.apply(f)); // a missing flag is false, as JEXL takes null
        }
        if (n instanceof ASTEQNode || n instanceof ASTNENode) {
            Function<Facts, Object> l = value(n.jjtGetChild(0)), r = value(n.jjtGetChild(1));
            Predicate<Facts> eq = f -> equal(l.apply(f), r.apply(f));
            return n instanceof ASTEQNode ? eq : eq.negate();
        }
        if (n instanceof ASTLTNode || n instanceof ASTGTNode || n instanceof ASTLENode || n instanceof ASTGENode) {
            Function<Facts, Object> l = value(n.jjtGetChild(0)), r = value(n.jjtGetChild(1));
            Predicate<Integer> holds = n instanceof ASTLTNode ? c -> c < 0 : n instanceof ASTGTNode ? c -> c > 0
                    : n instanceof ASTLENode ? c -> c <= 0 : c -> c >= 0;
            return f -> {
                Object a = l.apply(f), b = r.apply(f);
                return a != null && b != null && holds.test(compare(a, b));
            };
        }
        if (n instanceof ASTERNode || n instanceof ASTNRNode) {
            Function<Facts, Object> l = value(n.jjtGetChild(0));
            Predicate<Object> in = list(n.jjtGetChild(1));
            Predicate<Facts> member = f -> {
                Object v = l.apply(f);
                return v != null && in.test(v);
            };
            return n instanceof ASTERNode ? member : member.negate();
        }
        throw new Unsupported();
    }

    private static Function<Facts, Object> value(JexlNode n) throws Unsupported {
        if (n instanceof ASTReferenceExpression && n.jjtGetNumChildren() == 1) {
            return value(n.jjtGetChild(0));
        }
        if (n instanceof ASTNumberLiteral l) {
            Number v = l.getLiteral();
            return f -> v;
        }
        if (n instanceof ASTStringLiteral l) {
            String v = l.getLiteral();
            return f -> v;
        }
        if (n instanceof ASTNullLiteral) {
            return f -> null;
        }
        if (n instanceof ASTTrueNode) {
            return f -> Boolean.TRUE;
        }
        if (n instanceof ASTFalseNode) {
            return f -> Boolean.FALSE;
        }
        if (n instanceof ASTIdentifier id) {
            return Conditions.reader(id.getName());
        }
        if (n instanceof ASTReference) {
            return Conditions.reader(Trees.name(n));
        }
        throw new Unsupported();
    }

    /** Membership in a literal list: strings by equality, numbers by value. */
    private static Predicate<Object> list(JexlNode n) throws Unsupported {
        if (!(n instanceof ASTArrayLiteral)) {
            throw new Unsupported();
        }
        Set<String> strings = new HashSet<>();
        List<Double> numbers = new ArrayList<>();
        for (int i = 0; i < n.jjtGetNumChildren(); i++) {
            JexlNode item = n.jjtGetChild(i);
            if (item instanceof ASTStringLiteral s) {
                strings.add(s.getLiteral());
            } else if (item instanceof ASTNumberLiteral num) {
                numbers.add(num.getLiteral().doubleValue());
            } else {
                throw new Unsupported();
            }
        }
        double[] values = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        return v -> {
            if (v instanceof String s) {
                return strings.contains(s);
            }
            if (v instanceof Number x) {
                double d = x.doubleValue();
                for (double e : values) {
                    if (e == d) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            double u = x.doubleValue(), v = y.doubleValue();
            return u < v ? -1 : u > v ? 1 : 0; // 0.0 and -0.0 are equal, as in JEXL
        }
        return ((Comparable) a).compareTo(b); // dates with dates: the check let nothing else through
    }
}
