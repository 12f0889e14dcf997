package prism.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.jexl3.parser.*;

import prism.rules.Condition;

/** A checked condition's syntax tree as the editor's pickers show it, when it is simple enough. */
public final class Trees {

    private Trees() {
    }

    /** The condition as a group of pickers, or null when it has more than comparisons, AND, OR and parentheses. */
    public static Condition.Group of(JexlNode n) {
        Condition.Node node = node(unwrap(n));
        if (node == null) {
            return null;
        }
        return node instanceof Condition.Group g ? g : new Condition.Group(true, List.of(node));
    }

    /** The dotted name a reference reads ({@code count90.complaint}, {@code attr.tier}). */
    static String name(JexlNode n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.jjtGetNumChildren(); i++) {
            JexlNode part = n.jjtGetChild(i);
            if (part instanceof ASTIdentifier id) {
                b.append(id.getName());
            } else if (part instanceof ASTIdentifierAccess acc) {
                b.append('.').append(acc.getName());
            }
        }
        return b.toString();
    }

    private static JexlNode unwrap(JexlNode n) {
        while (n instanceof ASTReferenceExpression && n.jjtGetNumChildren() == 1) {
            n = n.jjtGetChild(0);
        }
        return n;
    }

    private static Condition.Node node(JexlNode n) {
        if (n instanceof ASTTrueNode) {
            return new Condition.Group(true, List.of());
        }
        if (n instanceof ASTAndNode || n instanceof ASTOrNode) {
            List<Condition.Node> items = new ArrayList<>();
            for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                JexlNode c = unwrap(n.jjtGetChild(i));
                Condition.Node item = node(c);
                if (item == null) {
                    return null;
                }
                if (c.getClass() == n.getClass() && item instanceof Condition.Group g) {
                    items.addAll(g.items()); // a && (b && c) is one group
                } else {
                    items.add(item);
                }
            }
            return new Condition.Group(n instanceof ASTAndNode, items);
        }
        String op = operator(n);
        if (op == null) {
            return null;
        }
        JexlNode left = unwrap(n.jjtGetChild(0));
        String name = left instanceof ASTIdentifier id ? id.getName() : left instanceof ASTReference ? name(left) : null;
        String value = literal(unwrap(n.jjtGetChild(1)));
        return name == null || value == null ? null : new Condition.Comparison(name, op, value);
    }

    private static String operator(JexlNode n) {
        return n instanceof ASTEQNode ? "==" : n instanceof ASTNENode ? "!=" : n instanceof ASTLTNode ? "<"
                : n instanceof ASTLENode ? "<=" : n instanceof ASTGTNode ? ">" : n instanceof ASTGENode ? ">="
                : n instanceof ASTERNode ? "=~" : n instanceof ASTNRNode ? "!~" : null;
    }

    private static String literal(JexlNode n) {
        if (n instanceof ASTNumberLiteral l) {
            return l.getLiteral().toString();
        }
        if (n instanceof ASTStringLiteral l) {
            return Condition.quote(l.getLiteral());
        }
        if (n instanceof ASTNullLiteral) {
            return "null";
        }
        if (n instanceof ASTTrueNode) {
            return "true";
        }
        if (n instanceof ASTFalseNode) {
            return "false";
        }
        if (n instanceof ASTArrayLiteral) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                String s = literal(n.jjtGetChild(i));
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
            return "[" + String.join(", ", items) + "]";
        }
        return null;
    }
}
