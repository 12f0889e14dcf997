package prism.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;


import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.rules.internal.Conditions;
import prism.rules.internal.Direct;

/**
 * A rule document as a scheme: its classes tested in order, the first whose condition holds wins, none
 * when no condition holds. Each run compiles the conditions once; the explanation is the condition with
 * the values of the names it read. A condition that fails on a customer (a division by zero) does not hold.
 * Plain comparisons are evaluated from their syntax tree; JEXL evaluates the rest (arithmetic).
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
        List<Predicate<Facts>> tests = tests();
        int n = tests.size();
        @SuppressWarnings("unchecked")
        Predicate<Facts>[] holds = tests.toArray(Predicate[]::new);
        String[][] names = new String[n][];
        @SuppressWarnings("unchecked")
        Function<Facts, Object>[][] read = new Function[n][];
        for (int i = 0; i < n; i++) {
            names[i] = conditions.get(i).names().toArray(String[]::new);
            read[i] = new Function[names[i].length];
            for (int k = 0; k < names[i].length; k++) {
                read[i][k] = Conditions.reader(names[i][k]);
            }
        }
        String[] ids = document.classes().stream().map(RuleDocument.RuleClass::id).toArray(String[]::new);
        String[] rules = document.classes().stream().map(RuleDocument.RuleClass::when).toArray(String[]::new);
        return f -> {
            for (int i = 0; i < n; i++) {
                if (holds[i].test(f)) {
                    Object[] kv = new Object[names[i].length * 2];
                    for (int k = 0; k < names[i].length; k++) {
                        kv[2 * k] = names[i][k];
                        kv[2 * k + 1] = read[i][k].apply(f);
                    }
                    return Assignment.of(ids[i], Explanation.of(rules[i], kv));
                }
            }
            return Assignment.of("none", Explanation.of("no condition holds"));
        };
    }

    /**
     * The index in {@link #classes()} of the class a customer gets (the last, none, when no condition holds),
     * for counting without explanations, as the editor's live counts do. Compiled anew on each call.
     *
     * @since 1.1
     */
    public ToIntFunction<Facts> classIndex() {
        @SuppressWarnings("unchecked")
        Predicate<Facts>[] holds = tests().toArray(Predicate[]::new);
        return f -> {
            for (int i = 0; i < holds.length; i++) {
                if (holds[i].test(f)) {
                    return i;
                }
            }
            return holds.length;
        };
    }

    /** Each condition compiled: evaluated from its tree when it can be, else by JEXL. */
    private List<Predicate<Facts>> tests() {
        List<Predicate<Facts>> tests = new ArrayList<>();
        for (Conditions.Checked c : conditions) {
            Predicate<Facts> direct = Direct.compile(c.expression());
            tests.add(direct != null ? direct : Conditions.interpreted(c));
        }
        return tests;
    }
}
