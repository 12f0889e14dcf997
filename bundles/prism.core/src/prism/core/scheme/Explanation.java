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
     * room for {@link #maxUtf8Length()} bytes, and returns where it ends. A run keeps its explanations in
     * the compact form ({@link #writeCompact}) and makes this text when one is read.
     */
    public int writeUtf8(byte[] into, int at) {
        int p = text(into, at, rule);
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
            p = text(into, p, (String) kv[j]);
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
            return cents(into, p, cents, d < 0 && cents != 0);
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

    /** An amount of {@code cents} (not negative) with two decimals, a minus sign first when {@code minus}. */
    private static int cents(byte[] into, int p, long cents, boolean minus) {
        if (minus) {
            into[p++] = '-';
        }
        p = digits(into, p, cents / 100);
        into[p++] = '.';
        into[p++] = (byte) ('0' + cents % 100 / 10);
        into[p++] = (byte) ('0' + cents % 10);
        return p;
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

    // ------------------------------------------------------------------------------------------
    // The compact form a run keeps: the same text in a quarter of the bytes

    /*
     * Layout: WORD rule, varint pairs, then per pair WORD name and a value. A WORD is varint (id + 1) of a
     * word in the process's dictionary, or 0, varint length and its UTF-8. A value is a tag: NONE;
     * INTEGRAL and a zigzag varint (an int, a long, a whole double below 1e15, all printed as digits);
     * CENTS or MINUS_CENTS and a varint (a double printed with two decimals); DATE and a zigzag varint
     * epoch day (years 0 to 9999); or WORD and a word (a string, or the printed form of anything else).
     */
    private static final int NONE = 0, INTEGRAL = 1, CENTS = 2, MINUS_CENTS = 3, DATE = 4, WORD = 5;

    /** Words: rules, names and short string values, numbered once per process, never more than this many. */
    private static final int MAX_WORDS = 1 << 16;
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> WORD_IDS = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile byte[][] words = new byte[256][];

    /** A word's id, or -1 when it is to be written out in full (long, or the dictionary is full). */
    private static int wordId(String s) {
        Integer id = WORD_IDS.get(s);
        if (id != null) {
            return id;
        }
        if (s.length() > 64) {
            return -1;
        }
        synchronized (WORD_IDS) {
            id = WORD_IDS.get(s);
            if (id != null) {
                return id;
            }
            int n = WORD_IDS.size();
            if (n >= MAX_WORDS) {
                return -1;
            }
            byte[][] w = words;
            if (n == w.length) {
                w = Arrays.copyOf(w, 2 * n);
            }
            w[n] = s.getBytes(StandardCharsets.UTF_8);
            words = w; // published before the id, so a reader who has the id finds the word
            WORD_IDS.put(s, n);
            return n;
        }
    }

    /** At least the number of bytes {@link #writeCompact} writes. */
    public int maxCompactLength() {
        long n = 15L + 3L * rule.length();
        Object[] kv = ((Pairs) values).kv;
        for (int j = 0; j < kv.length; j += 2) {
            n += 16L + 3L * ((String) kv[j]).length() + compactLength(kv[j + 1]);
        }
        return Math.toIntExact(n);
    }

    private static int compactLength(Object v) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double d && plain(d) || shortDate(v)) {
            return 11;
        }
        return 6 + 3 * (v instanceof String s ? s : rare(v)).length();
    }

    /**
     * Writes this explanation in the compact form a run keeps from {@code at}, which must have room for
     * {@link #maxCompactLength()} bytes, and returns where it ends. {@link #compactToUtf8} turns it into
     * exactly the bytes {@link #writeUtf8} writes. Rules and names are written as numbers of a dictionary
     * kept by this process, so the form is for memory, never for files.
     *
     * @since 1.3
     */
    public int writeCompact(byte[] into, int at) {
        int p = word(into, at, rule);
        Object[] kv = ((Pairs) values).kv;
        p = varint(into, p, kv.length / 2);
        for (int j = 0; j < kv.length; j += 2) {
            p = word(into, p, (String) kv[j]);
            Object v = kv[j + 1];
            if (v == null) {
                into[p++] = NONE;
            } else if (v instanceof Integer i) {
                into[p++] = INTEGRAL;
                p = varint(into, p, zigzag(i));
            } else if (v instanceof Long l) {
                into[p++] = INTEGRAL;
                p = varint(into, p, zigzag(l));
            } else if (v instanceof Double d && plain(d)) {
                if (d == Math.rint(d)) {
                    into[p++] = INTEGRAL;
                    p = varint(into, p, zigzag(d.longValue()));
                } else {
                    long cents = Math.round(Math.abs(d) * 100);
                    into[p++] = (byte) (d < 0 && cents != 0 ? MINUS_CENTS : CENTS);
                    p = varint(into, p, cents);
                }
            } else if (shortDate(v)) {
                into[p++] = DATE;
                p = varint(into, p, zigzag(((LocalDate) v).toEpochDay()));
            } else {
                into[p++] = WORD;
                p = word(into, p, v instanceof String s ? s : rare(v));
            }
        }
        return p;
    }

    /**
     * The UTF-8 text, as {@link #writeUtf8} writes it, of the explanation {@link #writeCompact} wrote in
     * {@code from[start, end)}.
     *
     * @since 1.3
     */
    public static byte[] compactToUtf8(byte[] from, int start, int end) {
        byte[] out = new byte[Math.max(64, 4 * (end - start))];
        int[] at = {start};
        int p = 0;
        byte[] w = readWord(from, at);
        out = room(out, p, w.length);
        System.arraycopy(w, 0, out, p, w.length);
        p += w.length;
        long pairs = readVarint(from, at);
        if (pairs > 0) {
            out = room(out, p, 2);
            out[p++] = ' ';
            out[p++] = '[';
        }
        for (long k = 0; k < pairs; k++) {
            w = readWord(from, at);
            out = room(out, p, w.length + 28);
            if (k > 0) {
                out[p++] = ',';
                out[p++] = ' ';
            }
            System.arraycopy(w, 0, out, p, w.length);
            p += w.length;
            out[p++] = '=';
            int tag = from[at[0]++];
            switch (tag) {
                case NONE -> p = text(out, p, "none");
                case INTEGRAL -> p = digits(out, p, unzigzag(readVarint(from, at)));
                case CENTS, MINUS_CENTS -> p = cents(out, p, readVarint(from, at), tag == MINUS_CENTS);
                case DATE -> p = value(out, p, LocalDate.ofEpochDay(unzigzag(readVarint(from, at))));
                case WORD -> {
                    w = readWord(from, at);
                    out = room(out, p, w.length);
                    System.arraycopy(w, 0, out, p, w.length);
                    p += w.length;
                }
                default -> throw new IllegalArgumentException("not a compact explanation: value tag " + tag);
            }
        }
        if (at[0] != end) {
            throw new IllegalArgumentException("not a compact explanation: " + (end - at[0]) + " bytes left over");
        }
        if (pairs > 0) {
            out = room(out, p, 1);
            out[p++] = ']';
        }
        return Arrays.copyOf(out, p);
    }

    private static byte[] room(byte[] b, int p, int more) {
        return b.length - p >= more ? b : Arrays.copyOf(b, Math.max(2 * b.length, p + more));
    }

    private static int word(byte[] into, int p, String s) {
        int id = wordId(s);
        if (id >= 0) {
            return varint(into, p, id + 1L);
        }
        into[p++] = 0; // long, or the dictionary is full: written out in full
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p = varint(into, p, b.length);
        System.arraycopy(b, 0, into, p, b.length);
        return p + b.length;
    }

    private static byte[] readWord(byte[] from, int[] at) {
        long id = readVarint(from, at);
        if (id > 0) {
            return words[(int) (id - 1)];
        }
        int n = (int) readVarint(from, at);
        byte[] b = Arrays.copyOfRange(from, at[0], at[0] + n);
        at[0] += n;
        return b;
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }

    private static int varint(byte[] into, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            into[p++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        into[p++] = (byte) v;
        return p;
    }

    private static long readVarint(byte[] from, int[] at) {
        long v = 0;
        int p = at[0];
        for (int shift = 0;; shift += 7) {
            byte b = from[p++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                at[0] = p;
                return v;
            }
        }
    }

    /** Numbers without needless decimals, absent values as "none". */
    public static String format(Object v) {
        byte[] b = new byte[maxLength(v)];
        return new String(b, 0, value(b, 0, v), StandardCharsets.UTF_8);
    }
}
