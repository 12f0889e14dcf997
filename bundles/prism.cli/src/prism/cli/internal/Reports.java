package prism.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import prism.core.facts.Facts;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.SchemeRegistry;
import prism.engine.RunResult;

/** What the commands print about runs: the demo's summary, class counts in a scheme's order. */
public final class Reports {

    private Reports() {
    }

    /** The demo's summary: per scheme, each class's customers and share of customers and of revenue. */
    public static void summary(PrintStream out, SchemeRegistry registry, RunResult result, List<Facts> facts) {
        double total = facts.stream().mapToDouble(Facts::revenue).sum();
        for (RunResult.SchemeResult r : result.schemes()) {
            Optional<InstalledScheme> s = registry.find(r.schemeId());
            out.printf("%s%s%n", r.schemeId(), s.map(x -> " — " + x.scheme().name()).orElse(""));
            Map<String, double[]> byClass = new LinkedHashMap<>();
            s.ifPresent(x -> x.scheme().classes().forEach(c -> byClass.put(c.id(), new double[2])));
            for (int i = 0; i < facts.size(); i++) {
                double[] acc = byClass.computeIfAbsent(r.classIds()[i], k -> new double[2]);
                acc[0]++;
                acc[1] += facts.get(i).revenue();
            }
            out.printf("  %-22s %10s %7s %9s%n", "class", "customers", "share", "revenue");
            for (Map.Entry<String, double[]> e : byClass.entrySet()) {
                double[] v = e.getValue();
                out.printf(Locale.ROOT, "  %-22s %,10d %6.1f%% %8.1f%%%n", e.getKey(), (long) v[0],
                        100 * v[0] / Math.max(1, facts.size()), total == 0 ? 0 : 100 * v[1] / total);
            }
        }
    }

    /** A scheme's class counts as one line, in the scheme's class order (classes it no longer has last). */
    public static String countsText(SchemeRegistry registry, String schemeId, Map<String, Integer> counts) {
        List<String> order = new ArrayList<>();
        registry.find(schemeId).ifPresent(s -> s.scheme().classes().stream().map(SchemeClass::id).forEach(order::add));
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort((x, y) -> {
            int ix = order.indexOf(x), iy = order.indexOf(y);
            return ix >= 0 && iy >= 0 ? Integer.compare(ix, iy) : ix >= 0 ? -1 : iy >= 0 ? 1 : x.compareTo(y);
        });
        return keys.stream().map(k -> k + "=" + counts.get(k)).collect(Collectors.joining(" "));
    }

    /**
     * The model a scheme fitted for a run, in two lines: its parameters to four decimals, then how well
     * it fitted (log-likelihoods, customers used); or why the run's customers could not be fitted.
     */
    public static void model(PrintStream out, prism.store.RunInfo.SchemeInfo s) {
        prism.core.scheme.FittedModel m = s.model();
        if (m == null) {
            return;
        }
        if (!m.fitted()) {
            out.println("  model " + s.schemeId() + ": cannot fit: " + m.cannotFit());
            return;
        }
        out.println("  model " + s.schemeId() + ": " + m.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue())).collect(Collectors.joining(" ")));
        if (!m.fit().isEmpty()) {
            out.println("    fit: " + m.fit().entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == Math.rint(e.getValue())
                    && Math.abs(e.getValue()) < 1e15 ? String.valueOf(e.getValue().longValue())
                            : String.format(Locale.ROOT, "%.4f", e.getValue()))).collect(Collectors.joining(" ")));
        }
    }
}
