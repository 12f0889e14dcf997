package prism.core.scheme;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    /**
     * A value worked out once per run and shared by every scheme of the run that asks for the same key:
     * two schemes that apply one fitted model fit it once. The key should be a constant of the bundle
     * (a class, a string of its own); {@code compute} runs at most once per run and key, and what it
     * returns must not change afterwards. A context without sharing (the default, and tests') computes
     * it each time.
     *
     * @since 1.6
     */
    default <T> T shared(Object key, Supplier<T> compute) {
        return compute.get();
    }

    /** A context of the given parts, for tests and for runners other than the product's engine. */
    static RunContext of(LocalDate asOf, Settings settings, Population population) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(population, "population");
        record Of(LocalDate asOf, Settings settings, Population population) implements RunContext {
        }
        return new Of(asOf, settings, population);
    }

    /**
     * A context whose {@link #shared} values are kept in {@code shared}: give the same map to every scheme
     * of one run.
     *
     * @since 1.6
     */
    static RunContext of(LocalDate asOf, Settings settings, Population population, Map<Object, Object> shared) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(shared, "shared");
        record Sharing(LocalDate asOf, Settings settings, Population population, Map<Object, Object> values) implements RunContext {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T shared(Object key, Supplier<T> compute) {
                synchronized (values) { // prepare steps run one at a time; the lock only guards a runner that does not
                    Object v = values.get(key);
                    if (v == null && !values.containsKey(key)) {
                        v = compute.get();
                        values.put(key, v);
                    }
                    return (T) v;
                }
            }
        }
        return new Sharing(asOf, settings, population, shared);
    }
}
