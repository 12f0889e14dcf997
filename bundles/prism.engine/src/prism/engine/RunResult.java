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
            String[] classIds, double[] scores, Texts explanations, prism.core.scheme.FittedModel model) {

        /** A result of a scheme that fitted no model. */
        public SchemeResult(String schemeId, String schemeVersion, String bundle, Map<String, String> settings,
                String[] classIds, double[] scores, Texts explanations) {
            this(schemeId, schemeVersion, bundle, settings, classIds, scores, explanations, null);
        }

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
     * A scheme that failed: threw, returned a class it does not declare, or took longer than the time limit.
     * Its results are dropped, the other schemes' are kept. {@code customerId} and {@code error} are the first
     * customer it failed on and why (null: it failed in its per-run step); {@code customers} how many it
     * failed on (0 in the per-run step; 1 when it was stopped on a customer, the rest not tried).
     */
    public record SchemeFailure(String schemeId, String bundle, String customerId, Throwable error, int customers) {

        public SchemeFailure(String schemeId, String bundle, String customerId, Throwable error) {
            this(schemeId, bundle, customerId, error, customerId == null ? 0 : 1);
        }

        /** What the run says of it, in a line. */
        public String describe() {
            String where = customerId == null ? "preparing the run"
                    : customers > 1 ? String.format(java.util.Locale.ROOT, "on %,d customers, the first %s", customers, customerId)
                    : "on customer " + customerId;
            return "scheme " + schemeId + " (bundle " + bundle + ") failed " + where + ": " + (error.getMessage() == null ? error : error.getMessage());
        }
    }
}
