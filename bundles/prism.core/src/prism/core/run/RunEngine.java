package prism.core.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

    /** Applies the schemes to precomputed facts. */
    public static RunResult classify(List<Facts> facts, List<SchemeSpec> schemes, LocalDate asOf, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Applying schemes", schemes.size());
        int n = facts.size();
        Population population = new Population(facts);
        List<String> ids = facts.stream().map(f -> f.customer().id()).toList();
        List<RunResult.SchemeResult> results = new ArrayList<>();
        List<RunResult.SchemeFailure> failures = new ArrayList<>();
        for (SchemeSpec spec : schemes) {
            checkCanceled(sub);
            sub.subTask(spec.installed().id());
            String[] classes = new String[n];
            double[] scores = new double[n];
            AtomicReference<RunResult.SchemeFailure> failure = new AtomicReference<>();
            // Chunks of customers in parallel, each a plain loop: no per-customer stream overhead. Each
            // chunk writes its explanations into a block of its own, never one String each.
            ClassificationScheme scheme = spec.installed().scheme();
            Settings settings = spec.settings();
            int chunks = Math.max(1, Math.min(256, n / 2048));
            Texts.Block[] blocks = new Texts.Block[chunks];
            IntStream.range(0, chunks).parallel().forEach(ch -> {
                int from = (int) ((long) n * ch / chunks), end = (int) ((long) n * (ch + 1) / chunks);
                Texts.Block block = new Texts.Block(end - from);
                blocks[ch] = block;
                StringBuilder why = new StringBuilder(128);
                for (int i = from; i < end; i++) {
                    if (failure.get() != null || (i & 4095) == 0 && sub.isCanceled()) {
                        return;
                    }
                    Facts f = facts.get(i);
                    try {
                        Assignment a = scheme.classify(f, population, settings);
                        if (a == null || a.classId() == null) {
                            throw new IllegalStateException("scheme returned no class");
                        }
                        classes[i] = a.classId();
                        scores[i] = a.score() == null ? Double.NaN : a.score();
                        why.setLength(0);
                        if (a.explanation() != null) {
                            a.explanation().appendTo(why);
                        }
                        block.add(why);
                    } catch (RuntimeException | LinkageError e) {
                        failure.compareAndSet(null, new RunResult.SchemeFailure(spec.installed().id(),
                                spec.installed().bundle(), f.customer().id(), e));
                        return;
                    }
                }
            });
            checkCanceled(sub);
            if (failure.get() != null) {
                failures.add(failure.get());
            } else {
                results.add(new RunResult.SchemeResult(spec.installed().id(), spec.installed().scheme().version(),
                        spec.installed().bundle(), spec.settings().asMap(), classes, scores, Texts.of(java.util.Arrays.asList(blocks))));
            }
            sub.worked(1);
        }
        return new RunResult(asOf, ids, results, failures);
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
