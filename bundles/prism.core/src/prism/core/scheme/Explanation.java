package prism.core.scheme;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a customer got its class: the rule that fired, as written in the scheme's documentation, and
 * the fact values it used, e.g. {@code recency_days > 180 [recency_days=212]}.
 */
public record Explanation(String rule, Map<String, Object> values) {

    public Explanation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An explanation from the rule and alternating name, value pairs. */
    public static Explanation of(String rule, Object... nameValuePairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            m.put(String.valueOf(nameValuePairs[i]), nameValuePairs[i + 1]);
        }
        return new Explanation(rule, m);
    }

    @Override
    public String toString() {
        if (values.isEmpty()) {
            return rule;
        }
        return rule + " [" + values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", ")) + "]";
    }

    /** Numbers without needless decimals, absent values as "none". */
    public static String format(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        if (v instanceof LocalDate) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
