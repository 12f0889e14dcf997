package prism.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.rules.internal.Conditions;
import prism.rules.internal.FactsContext;

/**
 * A rule document as a scheme: its classes tested in order, the first whose condition holds wins, none
 * when no condition holds. Each run compiles the conditions once; the explanation is the condition with
 * the values of the names it read. A condition that fails on a customer (a division by zero) does not hold.
 */
public final class RuleScheme implements ClassificationScheme {

    private final RuleDocument document;
    private final List<Conditions.Checked> conditions = new ArrayList<>();
    private final List<SchemeClass> classes = new ArrayList<>();

    public RuleScheme(RuleDocument document) {
        this.document = document;
        try {
            for (RuleDocument.RuleClass c : document.classes()) {
                conditions.add(Conditions.check(document.id(), 1, 0, c.when()));
                classes.add(new SchemeClass(c.id(), c.label(), c.colour(), c.description() == null ? c.when() : c.description(),
                        c.strategy() == null ? "" : c.strategy()));
            }
        } catch (RuleException e) {
            throw new IllegalArgumentException("the document was not checked by RuleDocument.parse: " + e.getMessage(), e);
        }
        classes.add(new SchemeClass("none", "No rule", "#bdbdbd", "None of the scheme's conditions holds.", ""));
    }

    public RuleDocument document() {
        return document;
    }

    /** Contacts per year a class's document gives, or null. */
    public Double contactsPerYear(String classId) {
        return document.classes().stream().filter(c -> c.id().equals(classId)).map(RuleDocument.RuleClass::contactsPerYear)
                .findFirst().orElse(null);
    }

    @Override public String id() { return document.id(); }
    @Override public String name() { return document.name(); }
    /** The stored version the scheme was read from: runs record it. */
    @Override public String version() { return Integer.toString(document.version()); }
    @Override public String description() {
        return document.description() != null ? document.description() : "Rule scheme written by analysts, version " + document.version() + ".";
    }
    @Override public List<SchemeClass> classes() { return classes; }
    @Override public boolean usesPopulation() { return false; }

    @Override
    public Classifier prepare(RunContext run) {
        int n = conditions.size();
        JexlExpression[] compiled = new JexlExpression[n];
        String[][] names = new String[n][];
        Map<String, Function<Facts, Object>> readers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Conditions.Checked c = conditions.get(i);
            compiled[i] = Conditions.compile(c);
            names[i] = c.names().toArray(String[]::new);
            for (String name : c.names()) {
                readers.computeIfAbsent(name, Conditions::reader);
            }
        }
        String[] ids = document.classes().stream().map(RuleDocument.RuleClass::id).toArray(String[]::new);
        String[] rules = document.classes().stream().map(RuleDocument.RuleClass::when).toArray(String[]::new);
        // Each classifying thread its own context: the context holds the customer being classified
        ThreadLocal<FactsContext> contexts = ThreadLocal.withInitial(() -> new FactsContext(readers));
        return f -> {
            FactsContext ctx = contexts.get().of(f);
            for (int i = 0; i < n; i++) {
                Object holds;
                try {
                    holds = compiled[i].evaluate(ctx);
                } catch (JexlException e) {
                    holds = Boolean.FALSE;
                }
                if (Boolean.TRUE.equals(holds)) {
                    Object[] kv = new Object[names[i].length * 2];
                    for (int k = 0; k < names[i].length; k++) {
                        kv[2 * k] = names[i][k];
                        kv[2 * k + 1] = ctx.get(names[i][k]);
                    }
                    return Assignment.of(ids[i], Explanation.of(rules[i], kv));
                }
            }
            return Assignment.of("none", Explanation.of("no condition holds"));
        };
    }
}
