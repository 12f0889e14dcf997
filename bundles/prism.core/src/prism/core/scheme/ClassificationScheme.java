package prism.core.scheme;

import java.util.List;

import prism.core.facts.Facts;

/**
 * The contract a scheme plugin implements and registers as an OSGi service (Declarative Services:
 * {@code @Component(service = ClassificationScheme.class)}). A scheme never touches the database or
 * the UI: it turns one customer's facts, with population statistics, into an {@link Assignment}.
 *
 * <p>{@link #classify} is called concurrently from several threads for different customers; it must
 * not keep mutable state between calls.
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

    /** Classifies one customer. */
    Assignment classify(Facts facts, Population population, Settings settings);

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
