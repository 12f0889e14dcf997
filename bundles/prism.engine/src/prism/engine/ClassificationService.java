package prism.engine;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;

/**
 * The classification, as the command line, the workbench and the benchmark run it: facts from a
 * {@link RunStore}, every scheme over them, the run stored. A run in which every scheme failed stores
 * nothing. One instance per process (a Declarative Services component; the benchmark makes its own)
 * keeps what a run leaves for the next: the results of the schemes that rank no one, which the next
 * run takes for the customers whose facts are the very same objects.
 */
@Component(service = ClassificationService.class)
public final class ClassificationService {

    /**
     * What a run did: its number (-1 when nothing was stored), the customers, the engine's result, how
     * the facts were had, and the seconds spent on the facts and schemes and on storing.
     */
    public record Outcome(int run, int customers, RunResult result, String how, double classifySeconds,
            double storeSeconds) {
    }

    private final RunEngine.Memory memory = new RunEngine.Memory();

    /** Every scheme over these facts, taking what the last run of this service left where it may. */
    public RunResult classify(List<Facts> facts, List<RunEngine.SchemeSpec> schemes, LocalDate asOf, IProgressMonitor monitor) {
        return RunEngine.classify(facts, schemes, asOf, monitor, memory);
    }

    /** A whole run: facts from {@code store} (all anew with {@code full}), the schemes, the run stored. */
    public Outcome run(RunStore store, LocalDate asOf, List<RunEngine.SchemeSpec> schemes, boolean full, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Classifying as of " + asOf, 100);
        long t0 = System.nanoTime();
        Trace.mark("facts");
        RunStore.FactsRun facts = store.facts(asOf, full, sub.split(40));
        Trace.mark("schemes");
        RunResult result = classify(facts.facts(), schemes, asOf, sub.split(20));
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
