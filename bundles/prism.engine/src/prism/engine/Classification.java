package prism.engine;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * One classification, as the command line, the workbench and the benchmark run it: facts from the
 * store, every scheme over them, the run stored. A run in which every scheme failed stores nothing.
 */
public final class Classification {

    /**
     * What a run did: its number (-1 when nothing was stored), the customers, the engine's result, how
     * the facts were had, and the seconds spent on the facts and schemes and on storing.
     */
    public record Outcome(int run, int customers, RunResult result, String how, double classifySeconds,
            double storeSeconds) {
    }

    private Classification() {
    }

    public static Outcome run(RunStore store, LocalDate asOf, List<RunEngine.SchemeSpec> schemes, boolean full,
            IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Classifying as of " + asOf, 100);
        long t0 = System.nanoTime();
        Trace.mark("facts");
        RunStore.FactsRun facts = store.facts(asOf, full, sub.split(40));
        Trace.mark("schemes");
        RunResult result = RunEngine.classify(facts.facts(), schemes, asOf, sub.split(20));
        int customers = facts.facts().size();
        String how = facts.how();
        facts = null; // storing needs only the results: a million customers' facts are memory better given back
        double classify = (System.nanoTime() - t0) / 1e9;
        if (result.schemes().isEmpty()) {
            return new Outcome(-1, customers, result, how, classify, 0);
        }
        long t1 = System.nanoTime();
        Trace.mark("store");
        int number = store.saveRun(result, sub.split(40));
        Trace.mark("stored");
        return new Outcome(number, customers, result, how, classify, (System.nanoTime() - t1) / 1e9);
    }
}
