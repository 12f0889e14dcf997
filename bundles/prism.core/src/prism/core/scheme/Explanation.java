package prism.core.scheme;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import prism.core.internal.ValueForms;
import java.util.Arrays;
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
    private static final Object[][] DISTINCT = new Object[256][];

    /** An explanation from the rule and alternating name, value pairs. */
    public static Explanation of(String rule, Object... nameValuePairs) {
        int n = nameValuePairs.length & ~1;
        int slot = n == 0 ? 0 : mix(System.identityHashCode(nameValuePairs[0]) * 31 + n) & DISTINCT.length - 1;
        Object[] known = DISTINCT[slot];
        if (known != null && sameNames(known, nameValuePairs, n)) {
            return new Explanation(rule, new Pairs(Arrays.copyOf(nameValuePairs, n)));
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

    /** Spreads a hash over the low bits, which pick the slot. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ h >>> 16;
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

    /** The number of values. @since 1.4 */
    public int size() {
        return ((Pairs) values).kv.length / 2;
    }

    /** The name of the {@code i}-th value, in the order given. @since 1.4 */
    public String name(int i) {
        return (String) ((Pairs) values).kv[2 * i];
    }

    /** The {@code i}-th value, in the order given (null when absent). @since 1.4 */
    public Object value(int i) {
        return ((Pairs) values).kv[2 * i + 1];
    }

    /**
     * The text an analyst reads, {@code rule [name=value, …]}, with the values as {@link #format} prints
     * them. Exports and the customer editor show exactly this text.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(rule.length() + 16 * size());
        sb.append(rule);
        int n = size();
        if (n > 0) {
            sb.append(" [");
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(name(j)).append('=').append(format(value(j)));
            }
            sb.append(']');
        }
        return utf8Safe(sb.toString());
    }

    /** Appends the text {@link #toString()} gives. */
    public StringBuilder appendTo(StringBuilder sb) {
        return sb.append(toString());
    }

    /** The text as its UTF-8 reads back: a lone surrogate becomes "?", as in a file. */
    private static String utf8Safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
        }
        return s;
    }

    /**
     * A value as explanations print it: absent as "none"; whole numbers below 10^15 by their digits;
     * other numbers below 10^13 with two decimals (rounded half up on the cents); dates of years 0 to
     * 9999 as ISO dates; anything else as it prints (a double with {@code %.2f}).
     */
    public static String format(Object v) {
        if (v == null) {
            return "none";
        } else if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        } else if (v instanceof Double d && ValueForms.plain(d)) {
            if (d == Math.rint(d)) {
                return Long.toString(d.longValue());
            }
            long cents = Math.round(Math.abs(d) * 100);
            String c = Long.toString(cents % 100 + 100).substring(1);
            return (d < 0 && cents != 0 ? "-" : "") + cents / 100 + "." + c;
        } else if (ValueForms.shortDate(v)) {
            return v.toString();
        }
        return v instanceof String s ? s : ValueForms.rare(v);
    }
}
