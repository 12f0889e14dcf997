package prism.core.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;

/**
 * Runs schemes over all customers: facts in one pass over orders then interactions, population
 * statistics once, then every scheme over the customers in parallel. A scheme that throws is
 * reported in {@link RunResult#failures()} and leaves the others unharmed.
 */
public final class RunEngine {

    /** A scheme to run with its effective settings. */
    public record SchemeSpec(InstalledScheme installed, Settings settings) {
    }

    private RunEngine() {
    }

    public static RunResult run(CustomerSource source, List<SchemeSpec> schemes, LocalDate asOf, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Classifying", 100);
        List<Facts> facts = computeFacts(source, asOf, sub.split(50));
        return classify(facts, schemes, asOf, sub.split(50));
    }

    /** Every customer's facts for the as-of date, in the source's customer order. */
    public static List<Facts> computeFacts(CustomerSource source, LocalDate asOf, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Computing facts", 3);
        List<FactsBuilder> builders = new ArrayList<>();
        Map<String, FactsBuilder> byId = new HashMap<>();
        sub.subTask("Reading customers");
        source.customers(c -> {
            FactsBuilder b = new FactsBuilder(c, asOf);
            builders.add(b);
            byId.put(c.id(), b);
        });
        checkCanceled(sub);
        sub.worked(1);
        sub.subTask("Reading orders");
        source.orders(asOf, o -> {
            FactsBuilder b = byId.get(o.customerId());
            if (b != null) {
                b.order(o);
            }
        });
        checkCanceled(sub);
        sub.worked(1);
        sub.subTask("Reading interactions");
        source.interactions(asOf, i -> {
            FactsBuilder b = byId.get(i.customerId());
            if (b != null) {
                b.interaction(i);
            }
        });
        checkCanceled(sub);
        sub.worked(1);
        List<Facts> facts = new ArrayList<>(builders.size());
        for (FactsBuilder b : builders) {
            facts.add(b.build());
        }
        return facts;
    }

    /**
     * Applies the schemes to precomputed facts. Chunks of customers run in parallel, and each chunk applies
     * every scheme to one customer before the next: a customer's facts are read from memory once, not once
     * per scheme, which at a million customers is most of what a simple rule costs. Each chunk writes its
     * explanations into a block of its own per scheme, never one String each.
     */
    public static RunResult classify(List<Facts> facts, List<SchemeSpec> schemes, LocalDate asOf, IProgressMonitor monitor) {
        int n = facts.size();
        int m = schemes.size();
        int chunks = Math.max(1, Math.min(1024, n / 1024));
        SubMonitor sub = SubMonitor.convert(monitor, "Applying " + m + (m == 1 ? " scheme" : " schemes"), chunks);
        Population population = new Population(facts);
        List<String> ids = facts.stream().map(f -> f.customer().id()).toList();
        String[][] classes = new String[m][n];
        double[][] scores = new double[m][n];
        Texts.Block[][] blocks = new Texts.Block[m][chunks];
        ClassificationScheme[] scheme = new ClassificationScheme[m];
        Settings[] settings = new Settings[m];
        for (int k = 0; k < m; k++) {
            scheme[k] = schemes.get(k).installed().scheme();
            settings[k] = schemes.get(k).settings();
        }
        // A scheme that throws is dropped from then on; the others go on.
        AtomicReferenceArray<RunResult.SchemeFailure> failed = new AtomicReferenceArray<>(m);
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            if (sub.isCanceled()) {
                return;
            }
            int from = (int) ((long) n * ch / chunks), end = (int) ((long) n * (ch + 1) / chunks);
            Texts.Block[] block = new Texts.Block[m];
            for (int k = 0; k < m; k++) {
                blocks[k][ch] = block[k] = new Texts.Block(end - from);
            }
            for (int i = from; i < end; i++) {
                Facts f = facts.get(i);
                for (int k = 0; k < m; k++) {
                    if (failed.get(k) != null) {
                        continue;
                    }
                    try {
                        Assignment a = scheme[k].classify(f, population, settings[k]);
                        if (a == null || a.classId() == null) {
                            throw new IllegalStateException("scheme returned no class");
                        }
                        classes[k][i] = a.classId();
                        scores[k][i] = a.score() == null ? Double.NaN : a.score();
                        if (a.explanation() != null) {
                            block[k].add(a.explanation());
                        } else {
                            block[k].addEmpty();
                        }
                    } catch (RuntimeException | LinkageError e) {
                        SchemeSpec spec = schemes.get(k);
                        failed.compareAndSet(k, null, new RunResult.SchemeFailure(spec.installed().id(),
                                spec.installed().bundle(), f.customer().id(), e));
                    }
                }
            }
            int finished = done.incrementAndGet();
            synchronized (sub) { // a monitor is not thread-safe; the workbench's progress bar moves by chunks
                sub.worked(1);
                if ((finished & 63) == 0) {
                    sub.subTask(String.format(java.util.Locale.ROOT, "%,d of %,d customers", (long) n * finished / chunks, n));
                }
            }
        });
        checkCanceled(sub);
        List<RunResult.SchemeResult> results = new ArrayList<>();
        List<RunResult.SchemeFailure> failures = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            SchemeSpec spec = schemes.get(k);
            if (failed.get(k) != null) {
                failures.add(failed.get(k));
            } else {
                results.add(new RunResult.SchemeResult(spec.installed().id(), spec.installed().scheme().version(),
                        spec.installed().bundle(), spec.settings().asMap(), classes[k], scores[k],
                        Texts.of(java.util.Arrays.asList(blocks[k]))));
            }
        }
        return new RunResult(asOf, ids, results, failures);
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
