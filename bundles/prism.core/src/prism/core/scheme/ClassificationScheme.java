package prism.core.scheme;

import java.util.List;

import prism.core.facts.Facts;

/**
 * The contract a scheme plugin implements and registers as an OSGi service (Declarative Services:
 * {@code @Component(service = ClassificationScheme.class)}). A scheme never touches the database or
 * the UI: it turns one customer's facts, with population statistics, into an {@link Assignment}.
 *
 * <p>Each run calls {@link #prepare} once, with the run's settings and population, and applies the
 * {@link Classifier} it returns to every customer, from several threads at once. Whatever a scheme
 * works out for a run (parsed thresholds, rule texts, a fitted model) lives in that classifier, never
 * in the scheme object: a scheme keeps no state between runs.
 */
public interface ClassificationScheme {

    /** Stable id, e.g. {@code value.tier}; stored with every result, so never change it. */
    String id();

    String name();

    /** The rules' version, stored with each run; raise it when the rules change. */
    default String version() {
        return "1.0.0";
    }

    String description();

    /** The classes, in the order they are tested (and shown). */
    List<SchemeClass> classes();

    /** The settings (thresholds and the like) with their defaults; empty when none. */
    default List<Setting> settings() {
        return List.of();
    }

    /**
     * What is contradictory in a set of settings whose values each passed their own check (e.g. a lower
     * threshold above a higher one), or null when they agree. The command line refuses such settings and
     * the preference page will not keep them.
     *
     * @since 1.5
     */
    default String validate(Settings settings) {
        return null;
    }

    /**
     * The per-run step: returns the classifier for one run. Called once per run before any customer is
     * classified; an exception here fails this scheme alone for that run. The default adapts a scheme
     * written against 1.3 and earlier, which implements {@link #classify(Facts, Population, Settings)}.
     *
     * @since 1.4
     */
    default Classifier prepare(RunContext run) {
        Population population = run.population();
        Settings settings = run.settings();
        return facts -> classify(facts, population, settings);
    }

    /**
     * Classifies one customer. Schemes implement {@link #prepare} instead; this remains for schemes
     * written against 1.3 and earlier, and as a convenience for tests of one customer.
     *
     * @deprecated since 1.4: implement {@link #prepare}; to classify one customer, call
     *             {@code prepare(RunContext.of(asOf, settings, population)).classify(facts)}.
     */
    @Deprecated(since = "1.4")
    default Assignment classify(Facts facts, Population population, Settings settings) {
        throw new UnsupportedOperationException("scheme " + id() + " implements neither prepare(RunContext) nor classify");
    }

    /**
     * Whether {@link #classify} consults the {@link Population}. Return false when a customer's class
     * depends on nothing but its own facts and the settings: after an import, a run in the same process
     * then takes the previous run's class, score and explanation for every customer whose facts did not
     * change, instead of classifying a million customers again. The safe default is true.
     *
     * @since 1.2
     */
    default boolean usesPopulation() {
        return true;
    }

    /** The class with the given id, or null. */
    default SchemeClass schemeClass(String classId) {
        for (SchemeClass c : classes()) {
            if (c.id().equals(classId)) {
                return c;
            }
        }
        return null;
    }
}
