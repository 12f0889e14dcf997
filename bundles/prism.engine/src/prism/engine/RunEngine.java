package prism.engine;

import java.lang.ref.SoftReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.Population;
import prism.core.scheme.RunContext;
import prism.core.scheme.Settings;

/**
 * Runs schemes over all customers: facts in one pass over orders then interactions, population
 * statistics once, then every scheme over the customers in parallel. A scheme that throws is
 * reported in {@link RunResult#failures()} and leaves the others unharmed. The functions here keep
 * nothing between calls; {@link ClassificationService} holds what one run leaves for the next.
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
        return classify(facts, schemes, asOf, monitor, new Memory());
    }

    /**
     * What one run leaves for the next in the same process: its results of the schemes that rank no one,
     * with the facts they were made from, held softly (the collector takes them back before memory runs
     * short). One per {@link ClassificationService}; thread-safe.
     */
    static final class Memory {
        private volatile SoftReference<LastRun> last = new SoftReference<>(null);

        /** The last run, let go: at most one is held, and a run in progress holds its own. */
        LastRun take() {
            LastRun prev = last.get();
            last = new SoftReference<>(null);
            return prev;
        }

        void keep(LastRun run) {
            last = new SoftReference<>(run);
        }
    }

    /** As {@link #classify(List, List, LocalDate, IProgressMonitor)}, taking from and leaving to {@code memory}. */
    static RunResult classify(List<Facts> facts, List<SchemeSpec> schemes, LocalDate asOf, IProgressMonitor monitor, Memory memory) {
        int n = facts.size();
        int m = schemes.size();
        int chunks = Math.max(1, Math.min(1024, n / 1024));
        SubMonitor sub = SubMonitor.convert(monitor, "Applying " + m + (m == 1 ? " scheme" : " schemes"), chunks);
        Population population = new Population(facts);
        String[] ids = new String[n]; // filled by the chunks, which read each customer anyway
        String[][] classes = new String[m][n];
        double[][] scores = new double[m][n];
        Texts.Block[][] blocks = new Texts.Block[m][chunks];
        ClassificationScheme[] scheme = new ClassificationScheme[m];
        Settings[] settings = new Settings[m];
        for (int k = 0; k < m; k++) {
            scheme[k] = schemes.get(k).installed().scheme();
            settings[k] = schemes.get(k).settings();
        }
        // Schemes that rank no one may take unchanged customers from the last run in this process.
        RunResult.SchemeResult[] reuse = new RunResult.SchemeResult[m];
        int[] before = reusable(facts, schemes, reuse, sub, memory);
        // A scheme that throws, in its per-run step or on a customer, is dropped from then on; the others go on.
        AtomicReferenceArray<RunResult.SchemeFailure> failed = new AtomicReferenceArray<>(m);
        Failures onCustomers = new Failures(m);
        Classifier[] classifier = new Classifier[m];
        Guard guard = new Guard(schemeTimeout());
        Map<Object, Object> shared = new HashMap<>(); // what the schemes of this run work out once for all of them
        prism.core.scheme.FittedModel[] model = new prism.core.scheme.FittedModel[m];
        try {
            for (int k = 0; k < m; k++) {
                int kk = k;
                SchemeSpec spec = schemes.get(k);
                try {
                    classifier[k] = guard.call(() -> scheme[kk].prepare(RunContext.of(asOf, settings[kk], population, shared)));
                    if (classifier[k] == null) {
                        throw new IllegalStateException("prepare returned no classifier");
                    }
                    model[k] = classifier[k].model();
                } catch (java.util.concurrent.TimeoutException e) {
                    failed.set(k, new RunResult.SchemeFailure(spec.installed().id(), spec.installed().bundle(), null,
                            new IllegalStateException("its per-run step took longer than " + guard.limitText() + " and was stopped"), 0));
                } catch (RuntimeException | LinkageError e) {
                    failed.set(k, new RunResult.SchemeFailure(spec.installed().id(), spec.installed().bundle(), null, e, 0));
                }
            }
            // The classes each scheme declares: a class it did not declare is a failure on that customer.
            List<java.util.Set<String>> declared = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                java.util.Set<String> d = new java.util.HashSet<>();
                scheme[k].classes().forEach(c -> d.add(c.id()));
                declared.add(d);
            }
            AtomicInteger done = new AtomicInteger();
            // Each scheme's bytes and texts so far, to size its next blocks: a block far too large is copied to
            // trim it at the end, one too small grows by copying; either costs copies of the whole run's texts.
            AtomicLongArray textBytes = new AtomicLongArray(m), textCount = new AtomicLongArray(m);
            guard.runChunks(chunks, (ch, task) -> {
                if (sub.isCanceled()) {
                    return;
                }
                int from = (int) ((long) n * ch / chunks), end = (int) ((long) n * (ch + 1) / chunks);
                Texts.Block[] block = new Texts.Block[m];
                Failures mine = new Failures(m); // counted for the run only if this chunk is not done again
                for (int k = 0; k < m; k++) {
                    long seen = textCount.get(k);
                    int each = seen < 256 ? 32 : (int) Math.min(4096, textBytes.get(k) / seen + 2);
                    block[k] = new Texts.Block(end - from, each);
                }
                for (int i = from; i < end; i++) {
                    Facts f = facts.get(i);
                    ids[i] = f.customer().id();
                    task.customer(i);
                    for (int k = 0; k < m; k++) {
                        if (failed.get(k) != null) {
                            continue;
                        }
                        RunResult.SchemeResult was = reuse[k];
                        int j = was == null ? -1 : before[i];
                        if (j >= 0) { // the same facts, settings and scheme: the same result
                            classes[k][i] = was.classIds()[j];
                            scores[k][i] = was.scores()[j];
                            block[k].add(was.explanations(), j);
                            continue;
                        }
                        try {
                            task.scheme(k);
                            Assignment a = classifier[k].classify(f);
                            if (task.abandoned()) {
                                return; // stopped waiting for: another task does this chunk again
                            }
                            if (a == null || a.classId() == null) {
                                throw new IllegalStateException("scheme returned no class");
                            }
                            if (!declared.get(k).isEmpty() && !declared.get(k).contains(a.classId())) {
                                throw new IllegalStateException("scheme returned the class '" + a.classId()
                                        + "', which it does not declare (it declares " + String.join(", ", new java.util.TreeSet<>(declared.get(k))) + ")");
                            }
                            classes[k][i] = a.classId();
                            scores[k][i] = a.score() == null ? Double.NaN : a.score();
                            if (a.explanation() != null) {
                                block[k].add(a.explanation());
                            } else {
                                block[k].addEmpty();
                            }
                        } catch (RuntimeException | LinkageError e) {
                            if (task.abandoned()) {
                                return;
                            }
                            // Counted on every customer, its results dropped: the run says how many and the first.
                            mine.add(k, i, f.customer().id(), e);
                            block[k].addEmpty();
                        }
                    }
                }
                task.idle();
                if (task.abandoned()) {
                    return;
                }
                onCustomers.addAll(mine);
                for (int k = 0; k < m; k++) {
                    blocks[k][ch] = block[k];
                    textBytes.addAndGet(k, block[k].byteLength());
                    textCount.addAndGet(k, block[k].size());
                }
                int finished = done.incrementAndGet();
                synchronized (sub) { // a monitor is not thread-safe; the workbench's progress bar moves by chunks
                    sub.worked(1);
                    if ((finished & 63) == 0) {
                        sub.subTask(String.format(java.util.Locale.ROOT, "%,d of %,d customers", (long) n * finished / chunks, n));
                    }
                }
            }, (k, i) -> { // a scheme stuck on a customer past the limit: dropped; its chunk is done again without it
                SchemeSpec spec = schemes.get(k);
                failed.compareAndSet(k, null, new RunResult.SchemeFailure(spec.installed().id(), spec.installed().bundle(),
                        facts.get(i).customer().id(), new IllegalStateException("classifying one customer took longer than "
                                + guard.limitText() + " and was stopped"), 1));
            });
        } finally {
            guard.close();
        }
        for (int k = 0; k < m; k++) {
            RunResult.SchemeFailure f = onCustomers.failure(k, schemes.get(k));
            if (f != null) {
                failed.compareAndSet(k, null, f);
            }
        }
        checkCanceled(sub);
        List<RunResult.SchemeResult> results = new ArrayList<>();
        List<RunResult.SchemeFailure> failures = new ArrayList<>();
        List<RunResult.SchemeResult> keep = new ArrayList<>(); // only what a later run could take
        for (int k = 0; k < m; k++) {
            SchemeSpec spec = schemes.get(k);
            if (failed.get(k) != null) {
                failures.add(failed.get(k));
                continue;
            }
            RunResult.SchemeResult r = new RunResult.SchemeResult(spec.installed().id(), spec.installed().scheme().version(),
                    spec.installed().bundle(), spec.settings().asMap(), classes[k], scores[k],
                    Texts.of(java.util.Arrays.asList(blocks[k])), model[k]);
            results.add(r);
            if (ranksNoOne(scheme[k])) {
                keep.add(r);
            }
        }
        memory.keep(keep.isEmpty() ? null : new LastRun(facts, schemes, keep));
        return new RunResult(asOf, java.util.Collections.unmodifiableList(java.util.Arrays.asList(ids)), results, failures);
    }

    /** How long a scheme may take on one customer, or in its per-run step, before the run stops waiting for it. */
    private static volatile java.time.Duration schemeTimeout = java.time.Duration.ofSeconds(Long.getLong("prism.schemeTimeout", 60));

    public static java.time.Duration schemeTimeout() {
        return schemeTimeout;
    }

    /** Sets the time limit of {@link #schemeTimeout} (the command line's --scheme-timeout, the workbench's preference). */
    public static void setSchemeTimeout(java.time.Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a scheme's time limit must be positive: " + limit);
        }
        schemeTimeout = limit;
    }

    /** The customers each scheme failed on: how many, and the first (by position, whatever thread met it first). */
    private static final class Failures {
        private final int[] count;
        private final int[] first;
        private final String[] firstId;
        private final Throwable[] firstError;

        Failures(int m) {
            count = new int[m];
            first = new int[m];
            firstId = new String[m];
            firstError = new Throwable[m];
            java.util.Arrays.fill(first, Integer.MAX_VALUE);
        }

        synchronized void add(int k, int i, String id, Throwable e) {
            count[k]++;
            if (i < first[k]) {
                first[k] = i;
                firstId[k] = id;
                firstError[k] = e;
            }
        }

        synchronized void addAll(Failures other) {
            for (int k = 0; k < count.length; k++) {
                if (other.count[k] > 0) {
                    count[k] += other.count[k] - 1;
                    add(k, other.first[k], other.firstId[k], other.firstError[k]);
                }
            }
        }

        synchronized RunResult.SchemeFailure failure(int k, SchemeSpec spec) {
            return count[k] == 0 ? null
                    : new RunResult.SchemeFailure(spec.installed().id(), spec.installed().bundle(), firstId[k], firstError[k], count[k]);
        }
    }

    /**
     * Fills {@code reuse} with the last run's results that the schemes may take, and returns where each
     * customer was in that run's facts when they are the very same object (else -1); null, with nothing
     * filled, when nothing can be taken. The last run is let go: at most one is held.
     */
    private static int[] reusable(List<Facts> facts, List<SchemeSpec> schemes, RunResult.SchemeResult[] reuse, SubMonitor sub,
            Memory memory) {
        LastRun prev = memory.take();
        if (prev == null) {
            return null;
        }
        List<String> taken = new ArrayList<>();
        for (int k = 0; k < reuse.length; k++) {
            reuse[k] = prev.reusable(schemes.get(k));
            if (reuse[k] != null) {
                taken.add(schemes.get(k).installed().id());
            }
        }
        if (taken.isEmpty()) {
            return null;
        }
        if (!anySameFacts(facts, prev.facts())) { // facts made anew: no walk of a million ids to find that out
            java.util.Arrays.fill(reuse, null);
            return null;
        }
        int[] before = sameFacts(facts, prev.facts());
        long same = java.util.Arrays.stream(before).filter(j -> j >= 0).count();
        if (same == 0) { // facts read anew: holding the last results would only cost memory
            java.util.Arrays.fill(reuse, null);
            return null;
        }
        // said once: a workbench job shows it, and the benchmark reports it
        sub.subTask(String.format(java.util.Locale.ROOT, "%,d of %,d customers unchanged since the run before: %s take them from it",
                same, facts.size(), String.join(", ", taken)));
        return before;
    }

    /**
     * The last run, as a {@link Memory} keeps it. An incremental run's facts are the last run's very objects for every customer an import left alone,
     * since facts never change once made; for those customers a scheme that ranks no one gives what it gave.
     */
    record LastRun(List<Facts> facts, List<SchemeSpec> specs, List<RunResult.SchemeResult> results) {

        /** The last run's result of the same scheme object with equal settings, when it may be reused. */
        RunResult.SchemeResult reusable(SchemeSpec spec) {
            ClassificationScheme scheme = spec.installed().scheme();
            if (!ranksNoOne(scheme)) {
                return null;
            }
            for (SchemeSpec s : specs) {
                if (s.installed().scheme() == scheme && s.settings().asMap().equals(spec.settings().asMap())) {
                    for (RunResult.SchemeResult r : results) {
                        if (r.schemeId().equals(spec.installed().id()) && r.schemeVersion().equals(scheme.version())) {
                            return r;
                        }
                    }
                }
            }
            return null;
        }
    }

    /** Whether a scheme declares it ranks no one; a plugin that fails to say is taken to rank. */
    private static boolean ranksNoOne(ClassificationScheme scheme) {
        try {
            return !scheme.usesPopulation();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether some of 64 customers spread over {@code now} have the very same facts object in {@code before},
     * found by id (both in id order; were they not, a customer missed only means no results are taken).
     */
    private static boolean anySameFacts(List<Facts> now, List<Facts> before) {
        int n = now.size();
        for (int k = 0; k < 64 && n > 0; k++) {
            Facts f = now.get((int) ((long) n * k / 64));
            int j = FactsCache.indexOf(before, f.customer().id());
            if (j >= 0 && before.get(j) == f) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each customer, its index in {@code before} when its facts there are the very same object, else
     * -1. Both lists are in customer id order, so one walk finds them; only identical objects are matched.
     */
    private static int[] sameFacts(List<Facts> now, List<Facts> before) {
        int[] at = new int[now.size()];
        int j = 0, n = before.size();
        for (int i = 0; i < at.length; i++) {
            Facts f = now.get(i);
            if (j < n && before.get(j) != f) { // changed, new or gone: step past the customers before this one
                String id = f.customer().id();
                while (j < n && before.get(j) != f && before.get(j).customer().id().compareTo(id) < 0) {
                    j++;
                }
            }
            if (j < n && before.get(j) == f) {
                at[i] = j++;
            } else {
                at[i] = -1;
                if (j < n && before.get(j).customer().id().equals(f.customer().id())) {
                    j++; // this customer's facts changed
                }
            }
        }
        return at;
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
