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
}
