package prism.core.scheme;

import java.util.Map;

/**
 * Why a customer got its class: the rule that fired, as written in the scheme's documentation, and
 * the fact values it used, e.g. {@code recency_days > 180 [recency_days=212]}.
 */
public record Explanation(String rule, Map<String, Object> values) {

    public Explanation {
        if (!(values instanceof Pairs)) {
            Object[] kv = new Object[values.size() * 2];
            int i = 0;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                kv[i++] = e.getKey();
                kv[i++] = e.getValue();
            }
            values = new Pairs(kv);
        }
    }

    /**
     * Name lists seen without a name twice, by the identity of their names: a scheme passes the same literals
     * for every customer, so most calls skip the check for repeated names. Racy on purpose: a slot holds
     * an immutable array or null, and a miss only costs the check.
     */
    private static final Object[][] DISTINCT = new Object[64][];

    /** An explanation from the rule and alternating name, value pairs. */
    public static Explanation of(String rule, Object... nameValuePairs) {
        int n = nameValuePairs.length & ~1;
        int slot = n == 0 ? 0 : (System.identityHashCode(nameValuePairs[0]) * 31 + n) & DISTINCT.length - 1;
        Object[] known = DISTINCT[slot];
        if (known != null && sameNames(known, nameValuePairs, n)) {
            return new Explanation(rule, new Pairs(java.util.Arrays.copyOf(nameValuePairs, n)));
        }
        Object[] kv = new Object[n];
        int w = 0;
        for (int i = 0; i < n; i += 2) {
            String key = String.valueOf(nameValuePairs[i]);
            int dup = indexOf(kv, w, key);
            if (dup >= 0) { // a name given twice keeps its first place and its last value, as a map would
                kv[dup + 1] = nameValuePairs[i + 1];
            } else {
                kv[w++] = key;
                kv[w++] = nameValuePairs[i + 1];
            }
        }
        if (w == n && n > 0) {
            Object[] names = new Object[n / 2];
            boolean strings = true;
            for (int i = 0; i < n; i += 2) {
                names[i / 2] = nameValuePairs[i];
                strings &= nameValuePairs[i] instanceof String;
            }
            if (strings) { // then the names are the very strings the pairs hold
                DISTINCT[slot] = names;
            }
        }
        return new Explanation(rule, new Pairs(w == n ? kv : java.util.Arrays.copyOf(kv, w)));
    }

    private static boolean sameNames(Object[] names, Object[] nameValuePairs, int n) {
        if (names.length * 2 != n) {
            return false;
        }
        for (int j = 0; j < names.length; j++) {
            if (names[j] != nameValuePairs[2 * j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(Object[] kv, int end, String key) {
        for (int j = 0; j < end; j += 2) { // names are mostly literals, and unequal lengths compare at once
            Object k = kv[j];
            if (k == key || key.equals(k)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The values as an unmodifiable map in the order given, over one array: an explanation is made for
     * every customer and scheme of a run, so it must cost little more than its values.
     */
    private static final class Pairs extends java.util.AbstractMap<String, Object> {
        private final Object[] kv;

        Pairs(Object[] kv) {
            this.kv = kv;
        }

        @Override
        public int size() {
            return kv.length / 2;
        }

        @Override
        public Object get(Object key) {
            for (int j = 0; j < kv.length; j += 2) {
                if (java.util.Objects.equals(kv[j], key)) {
                    return kv[j + 1];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            for (int j = 0; j < kv.length; j += 2) {
                if (java.util.Objects.equals(kv[j], key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public int size() {
                    return kv.length / 2;
                }

                @Override
                public java.util.Iterator<Map.Entry<String, Object>> iterator() {
                    return new java.util.Iterator<>() {
                        private int j;

                        @Override
                        public boolean hasNext() {
                            return j < kv.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (j >= kv.length) {
                                throw new java.util.NoSuchElementException();
                            }
                            Map.Entry<String, Object> e = new java.util.AbstractMap.SimpleImmutableEntry<>((String) kv[j], kv[j + 1]);
                            j += 2;
                            return e;
                        }
                    };
                }
            };
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(rule.length() + 20 * values.size());
        appendTo(sb);
        return sb.toString();
    }

    /**
     * Appends the text {@link #toString()} gives, {@code rule [name=value, …]}, without making it a
     * string first: a run writes one for every customer and scheme.
     */
    public StringBuilder appendTo(StringBuilder sb) {
        sb.append(rule);
        if (values.isEmpty()) {
            return sb;
        }
        Object[] kv = ((Pairs) values).kv;
        sb.append(" [");
        for (int j = 0; j < kv.length; j += 2) {
            if (j > 0) {
                sb.append(", ");
            }
            sb.append((String) kv[j]).append('=');
            append(sb, kv[j + 1]);
        }
        return sb.append(']');
    }

    /** As {@link #format}, straight into the builder: explanations are made for every customer and scheme. */
    private static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("none");
        } else if (v instanceof Integer i) {
            sb.append(i.intValue());
        } else if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append(d.longValue());
            } else if (Math.abs(d) < 1e13) { // two decimals without String.format, which is slow on a hot path
                long cents = Math.round(Math.abs(d) * 100);
                if (d < 0 && cents != 0) {
                    sb.append('-');
                }
                long frac = cents % 100;
                sb.append(cents / 100).append(frac < 10 ? ".0" : ".").append(frac);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "%.2f", d));
            }
        } else {
            sb.append(v); // a LocalDate prints as ISO, the rest as they print
        }
    }

    /** Numbers without needless decimals, absent values as "none". */
    public static String format(Object v) {
        StringBuilder sb = new StringBuilder(16);
        append(sb, v);
        return sb.toString();
    }
}
