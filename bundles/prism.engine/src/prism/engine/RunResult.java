package prism.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The outcome of classifying every customer with some schemes for one as-of date. Arrays are
 * indexed like {@link #customerIds()}.
 */
public record RunResult(LocalDate asOf, List<String> customerIds, List<SchemeResult> schemes,
        List<SchemeFailure> failures) {

    /**
     * One scheme's classes for every customer; {@code scores[i]} is NaN when there is none. The
     * explanations are kept compactly ({@link Texts}); {@code explanations.get(i)} gives one.
     */
    public record SchemeResult(String schemeId, String schemeVersion, String bundle, Map<String, String> settings,
            String[] classIds, double[] scores, Texts explanations) {

        /** Number of customers per class id. */
        public Map<String, Integer> counts() {
            Map<String, Integer> m = new java.util.TreeMap<>();
            for (String c : classIds) {
                m.merge(c, 1, Integer::sum);
            }
            return m;
        }
    }

    /**
     * A scheme that threw: its results are dropped, the other schemes' are kept. {@code customerId} is
     * the customer it failed on, or null when it failed in its per-run step.
     */
    public record SchemeFailure(String schemeId, String bundle, String customerId, Throwable error) {
    }
}
