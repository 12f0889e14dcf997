package prism.core.scheme;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
        // Built for every customer and scheme of a run: a plain builder, no streams.
        StringBuilder sb = new StringBuilder(rule.length() + 16 * values.size()).append(rule).append(" [");
        boolean first = true;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(format(e.getValue()));
        }
        return sb.append(']').toString();
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
            if (Math.abs(d) < 1e13) { // two decimals without String.format, which is slow on a hot path
                long cents = Math.round(Math.abs(d) * 100);
                String frac = Long.toString(cents % 100);
                return (d < 0 && cents != 0 ? "-" : "") + cents / 100 + (frac.length() == 1 ? ".0" : ".") + frac;
            }
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        if (v instanceof LocalDate) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
