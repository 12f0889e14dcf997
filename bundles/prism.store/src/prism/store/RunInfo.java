package prism.store;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** A stored run: number, as-of date, when it ran, and each scheme with its class counts. */
public record RunInfo(int number, LocalDate asOf, LocalDateTime createdAt, int customers, List<SchemeInfo> schemes) {

    /**
     * A scheme of a run, as it was when the run was made (it may no longer be installed), with the rows
     * stored for it: all customers' ({@code baseRun} null), or only those that differ from the full run
     * {@code baseRun} (since 1.1); {@code model} what it fitted over the run's customers, or null (since 1.5).
     */
    public record SchemeInfo(String schemeId, String version, String bundle, Map<String, String> settings,
            Map<String, Integer> counts, int stored, Integer baseRun, prism.core.scheme.FittedModel model) {

        /** A scheme that fitted no model (as every run before 1.5 is read). */
        public SchemeInfo(String schemeId, String version, String bundle, Map<String, String> settings,
                Map<String, Integer> counts, int stored, Integer baseRun) {
            this(schemeId, version, bundle, settings, counts, stored, baseRun, null);
        }

        /** A scheme whose rows were all stored. */
        public SchemeInfo(String schemeId, String version, String bundle, Map<String, String> settings, Map<String, Integer> counts) {
            this(schemeId, version, bundle, settings, counts, counts.values().stream().mapToInt(Integer::intValue).sum(), null);
        }
    }
}
