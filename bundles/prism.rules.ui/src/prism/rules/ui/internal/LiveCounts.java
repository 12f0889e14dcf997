package prism.rules.ui.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import prism.core.facts.Facts;
import prism.rules.RuleDocument;
import prism.rules.RuleException;
import prism.rules.RuleScheme;
import prism.store.RunInfo;
import prism.ui.WorkbenchData;

/**
 * What a draft rule scheme would do to the customers of the latest facts: how many each class gets, and
 * how many move in and out of it compared with the stored version. The facts are read once (the engine's
 * facts as of the latest run) and kept until the data or the database changes; the stored version's classes
 * are worked out once per version; each count is then one pass of the draft's conditions.
 */
public final class LiveCounts {

    /** The facts counted over: as of the latest run's date (today without a run). */
    public record Population(List<Facts> facts, LocalDate asOf, long generation) {
    }

    /**
     * Per draft class (in order, then one for none): customers, moved in, moved out; {@code moves} false when
     * there is no stored version to compare with. A class whose condition does not read is counted as if it
     * held for no one.
     */
    public record Result(long[] counts, long[] in, long[] out, boolean moves, int customers, LocalDate asOf, double seconds) {
    }

    private static Population population;
    private static boolean listening;

    private Map<Integer, String[]> storedClasses = new HashMap<>();
    private Population storedFor;

    /** The facts of the latest run's date, read once per database and data import. */
    public static Population population(IProgressMonitor monitor) {
        WorkbenchData data = WorkbenchData.get();
        synchronized (LiveCounts.class) {
            if (!listening) {
                data.addListener(change -> {
                    if (change == WorkbenchData.Change.DATA || change == WorkbenchData.Change.DATABASE) {
                        synchronized (LiveCounts.class) {
                            population = null;
                        }
                    }
                });
                listening = true;
            }
            if (population != null && population.generation() == data.generation()) {
                return population;
            }
        }
        long generation = data.generation();
        LocalDate asOf = data.latestRun().map(RunInfo::asOf).orElse(LocalDate.now());
        List<Facts> facts = data.store().facts(asOf, false, monitor).facts();
        Population p = new Population(facts, asOf, generation);
        synchronized (LiveCounts.class) {
            population = p;
        }
        return p;
    }

    /**
     * Counts the draft's classes. {@code draft} holds every row of the editor; rows whose condition does not
     * read are left out of the scheme counted ({@code usable} false).
     */
    public Result count(Population p, String id, List<RuleDocument.RuleClass> draft, boolean[] usable, RuleDocument stored,
            IProgressMonitor monitor) throws RuleException {
        long t0 = System.nanoTime();
        List<RuleDocument.RuleClass> counted = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < draft.size(); i++) {
            if (usable[i]) {
                counted.add(draft.get(i));
                rowOf.add(i);
            }
        }
        int rows = draft.size();
        int[] row = new int[counted.size() + 1];
        for (int k = 0; k < counted.size(); k++) {
            row[k] = rowOf.get(k);
        }
        row[counted.size()] = rows; // none
        ToIntFunction<Facts> classOf = counted.isEmpty() ? f -> 0
                : new RuleScheme(RuleDocument.parse(id, RuleDocument.json(id, id, null, counted))).classIndex();
        List<Facts> facts = p.facts();
        int n = facts.size();
        int[] now = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if ((i & 0xffff) == 0 && monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            now[i] = row[classOf.applyAsInt(facts.get(i))];
        });
        long[] counts = new long[rows + 1], in = new long[rows + 1], out = new long[rows + 1];
        String[] before = stored == null ? null : storedClasses(p, stored, monitor);
        Map<String, Integer> draftRow = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            draftRow.putIfAbsent(draft.get(i).id(), i);
        }
        draftRow.put("none", rows);
        for (int i = 0; i < n; i++) {
            counts[now[i]]++;
            if (before != null) {
                Integer was = draftRow.get(before[i]);
                if (was == null || was != now[i]) {
                    in[now[i]]++;
                    if (was != null) {
                        out[was]++;
                    }
                }
            }
        }
        return new Result(counts, in, out, before != null, n, p.asOf(), (System.nanoTime() - t0) / 1e9);
    }

    /** The class each customer has under the stored version, worked out once per version and population. */
    private synchronized String[] storedClasses(Population p, RuleDocument stored, IProgressMonitor monitor) {
        if (storedFor != p) {
            storedClasses = new HashMap<>();
            storedFor = p;
        }
        return storedClasses.computeIfAbsent(stored.version(), v -> {
            RuleScheme s = new RuleScheme(stored);
            ToIntFunction<Facts> classOf = s.classIndex();
            String[] ids = s.classes().stream().map(c -> c.id()).toArray(String[]::new);
            List<Facts> facts = p.facts();
            String[] out = new String[facts.size()];
            IntStream.range(0, facts.size()).parallel().forEach(i -> out[i] = ids[classOf.applyAsInt(facts.get(i))]);
            return out;
        });
    }
}
