package prism.core.scheme;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;

import prism.core.facts.Facts;

/**
 * What a scheme is given once per run, in {@link ClassificationScheme#prepare}: the run's as-of date,
 * the scheme's effective settings, and the population (its rankings, and every customer's facts for a
 * scheme that fits a model over them).
 *
 * @since 1.4
 */
public interface RunContext {

    /** The date the facts are computed for. */
    LocalDate asOf();

    /** The scheme's settings for this run: defaults overlaid with what the analyst set. */
    Settings settings();

    /** The customers of the run, with rankings computed once on first use. */
    Population population();

    /** Every customer's facts, each once, in id order: for a scheme that fits a model over the population. */
    default void forEachCustomer(Consumer<? super Facts> action) {
        population().forEach(action);
    }

    /** A context of the given parts, for tests and for runners other than the product's engine. */
    static RunContext of(LocalDate asOf, Settings settings, Population population) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(population, "population");
        record Of(LocalDate asOf, Settings settings, Population population) implements RunContext {
        }
        return new Of(asOf, settings, population);
    }
}
