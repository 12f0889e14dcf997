package prism.core.scheme;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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

    @Override
    public String toString() {
        byte[] b = new byte[maxUtf8Length()];
        return new String(b, 0, writeUtf8(b, 0), StandardCharsets.UTF_8);
    }

    /** Appends the text {@link #toString()} gives, {@code rule [name=value, …]}. */
    public StringBuilder appendTo(StringBuilder sb) {
        return sb.append(toString());
    }

    /** At least the number of bytes {@link #writeUtf8} writes, for sizing its buffer. */
    public int maxUtf8Length() {
        long n = 3L * rule.length() + 3;
        Object[] kv = ((Pairs) values).kv;
        for (int j = 0; j < kv.length; j += 2) {
            n += 3L * ((String) kv[j]).length() + 3 + maxLength(kv[j + 1]);
        }
        return Math.toIntExact(n);
    }

    /**
     * Writes the text {@link #toString()} gives as UTF-8 into {@code into} from {@code at}, which must have
     * room for {@link #maxUtf8Length()} bytes, and returns where it ends. A run writes one for every
     * customer and scheme, six million at a million customers: straight into its byte blocks, no String
     * or StringBuilder between, is what keeps explanations cheap.
     */
    public int writeUtf8(byte[] into, int at) {
        int p = known(into, at, rule);
        Object[] kv = ((Pairs) values).kv;
        if (kv.length == 0) {
            return p;
        }
        into[p++] = ' ';
        into[p++] = '[';
        for (int j = 0; j < kv.length; j += 2) {
            if (j > 0) {
                into[p++] = ',';
                into[p++] = ' ';
            }
            p = known(into, p, (String) kv[j]);
            into[p++] = '=';
            p = value(into, p, kv[j + 1]);
        }
        into[p++] = ']';
        return p;
    }

    /** Doubles printed by digits: whole ones below 1e15, two decimals below 1e13; the others by String.format. */
    private static boolean plain(double d) {
        return d == Math.rint(d) ? Math.abs(d) < 1e15 : Math.abs(d) < 1e13;
    }

    private static String rare(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : String.valueOf(v);
    }

    private static boolean shortDate(Object v) {
        return v instanceof LocalDate d && d.getYear() >= 0 && d.getYear() <= 9999;
    }

    private static int maxLength(Object v) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double d && plain(d) || shortDate(v)) {
            return 24;
        }
        return 3 * (v instanceof String s ? s : rare(v)).length();
    }

    /** A value as {@link #format} prints it, as UTF-8. */
    private static int value(byte[] into, int p, Object v) {
        if (v == null) {
            return text(into, p, "none");
        } else if (v instanceof Integer i) {
            return digits(into, p, i);
        } else if (v instanceof Long l) {
            return digits(into, p, l);
        } else if (v instanceof Double d && plain(d)) {
            if (d == Math.rint(d)) {
                return digits(into, p, d.longValue());
            }
            long cents = Math.round(Math.abs(d) * 100);
            if (d < 0 && cents != 0) {
                into[p++] = '-';
            }
            p = digits(into, p, cents / 100);
            into[p++] = '.';
            into[p++] = (byte) ('0' + cents % 100 / 10);
            into[p++] = (byte) ('0' + cents % 10);
            return p;
        } else if (shortDate(v)) { // ISO, as LocalDate prints a year of four digits
            LocalDate d = (LocalDate) v;
            int y = d.getYear(), m = d.getMonthValue(), day = d.getDayOfMonth();
            into[p++] = (byte) ('0' + y / 1000);
            into[p++] = (byte) ('0' + y / 100 % 10);
            into[p++] = (byte) ('0' + y / 10 % 10);
            into[p++] = (byte) ('0' + y % 10);
            into[p++] = '-';
            into[p++] = (byte) ('0' + m / 10);
            into[p++] = (byte) ('0' + m % 10);
            into[p++] = '-';
            into[p++] = (byte) ('0' + day / 10);
            into[p++] = (byte) ('0' + day % 10);
            return p;
        }
        return text(into, p, v instanceof String s ? s : rare(v)); // the rest as they print
    }

    private static int digits(byte[] into, int p, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return text(into, p, Long.toString(v));
            }
            into[p++] = '-';
            v = -v;
        }
        int end = p + 1;
        for (long t = v; t >= 10; t /= 10) {
            end++;
        }
        long x = v;
        for (int q = end - 1; q >= p; q--) {
            into[q] = (byte) ('0' + x % 10);
            x /= 10;
        }
        return end;
    }

    /** A string and its UTF-8 bytes. */
    private record Utf8(String text, byte[] bytes) {
    }

    /**
     * The UTF-8 of rules and names seen lately, by the string's identity: a scheme gives the same literals,
     * or the same texts made once per run, for every customer, so their bytes are copied rather than
     * encoded again. Racy on purpose: a slot holds an immutable pair or null.
     */
    private static final Utf8[] KNOWN = new Utf8[512];

    /** As {@link #text}, for a string that is likely to come again: a rule or a name. */
    private static int known(byte[] into, int p, String s) {
        int slot = mix(System.identityHashCode(s)) & KNOWN.length - 1;
        Utf8 k = KNOWN[slot];
        if (k != null && k.text() == s) {
            byte[] b = k.bytes();
            System.arraycopy(b, 0, into, p, b.length);
            return p + b.length;
        }
        int end = text(into, p, s);
        KNOWN[slot] = new Utf8(s, Arrays.copyOfRange(into, p, end));
        return end;
    }

    /** A string's UTF-8 bytes, as String.getBytes writes them (a lone surrogate as "?"). */
    private static int text(byte[] into, int p, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                into[p++] = (byte) c;
            } else if (c < 0x800) {
                into[p++] = (byte) (0xc0 | c >> 6);
                into[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    into[p++] = (byte) (0xf0 | cp >> 18);
                    into[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    into[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    into[p++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    into[p++] = '?';
                }
            } else {
                into[p++] = (byte) (0xe0 | c >> 12);
                into[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                into[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return p;
    }

    /** Numbers without needless decimals, absent values as "none". */
    public static String format(Object v) {
        byte[] b = new byte[maxLength(v)];
        return new String(b, 0, value(b, 0, v), StandardCharsets.UTF_8);
    }
}
