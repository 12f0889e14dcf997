package prism.core.scheme;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model a scheme fitted over a run's population, as it is stored with the run: its parameters by name
 * in the order they are shown, how good the fit is (log-likelihood, customers used, one entry per
 * model for a scheme that fits several), and when the population could not be fitted, why
 * ({@code parameters} then empty).
 *
 * @since 1.6
 */
public record FittedModel(Map<String, Double> parameters, Map<String, Double> fit, String cannotFit) {

    public FittedModel {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
        fit = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fit, "fit")));
    }

    /** A model that could not be fitted, and why (said to the analyst as it is). */
    public static FittedModel cannotFit(String why) {
        return new FittedModel(Map.of(), Map.of(), Objects.requireNonNull(why, "why"));
    }

    public boolean fitted() {
        return cannotFit == null;
    }
}
