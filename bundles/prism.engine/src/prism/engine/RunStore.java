package prism.engine;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

import prism.core.facts.Facts;

/** What a run needs of a store: the customers' facts for a date, and a place to keep the run. */
public interface RunStore {

    /** Every customer's facts for a run, and how they were had ("full" or "incremental: N customers recomputed"). */
    record FactsRun(List<Facts> facts, String how) {
    }

    /**
     * Every customer's facts for {@code asOf}, in id order; with {@code full}, all computed anew rather
     * than taken from a cache.
     */
    FactsRun facts(LocalDate asOf, boolean full, IProgressMonitor monitor);

    /** Stores a run's results and returns the run's number. */
    int saveRun(RunResult result, IProgressMonitor monitor);
}
