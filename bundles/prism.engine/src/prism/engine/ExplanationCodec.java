package prism.engine;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import prism.core.internal.ValueForms;
import prism.core.scheme.Explanation;

/**
 * How a run keeps explanations: a compact form in about a quarter of the bytes of their UTF-8 text,
 * turned into exactly {@link Explanation#toString()}'s UTF-8 when one is read. Rules, names and short
 * values are numbered in a dictionary kept by this process, so the form is for memory, never for files.
 */
public final class ExplanationCodec {

    private ExplanationCodec() {
    }

    /** A value as {@link Explanation#format} prints it, as UTF-8. */
    private static int value(byte[] into, int p, Object v) {
        if (v == null) {
            return text(into, p, "none");
        } else if (v instanceof Integer i) {
            return digits(into, p, i);
        } else if (v instanceof Long l) {
            return digits(into, p, l);
        } else if (v instanceof Double d && ValueForms.plain(d)) {
            if (d == Math.rint(d)) {
                return digits(into, p, d.longValue());
            }
            long cents = Math.round(Math.abs(d) * 100);
            return cents(into, p, cents, d < 0 && cents != 0);
        } else if (ValueForms.shortDate(v)) { // ISO, as LocalDate prints a year of four digits
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
        return text(into, p, v instanceof String s ? s : ValueForms.rare(v)); // the rest as they print
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
    public static int maxCompactLength(Explanation e) {
        long n = 15L + 3L * e.rule().length();
        for (int j = 0; j < e.size(); j++) {
            n += 16L + 3L * e.name(j).length() + compactLength(e.value(j));
        }
        return Math.toIntExact(n);
    }

    private static int compactLength(Object v) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double d && ValueForms.plain(d) || ValueForms.shortDate(v)) {
            return 11;
        }
        return 6 + 3 * (v instanceof String s ? s : ValueForms.rare(v)).length();
    }

    /**
     * Writes {@code e} in the compact form from {@code at}, which must have room for
     * {@link #maxCompactLength} bytes, and returns where it ends; {@link #compactToUtf8} reads it back.
     */
    public static int writeCompact(Explanation e, byte[] into, int at) {
        int p = word(into, at, e.rule());
        p = varint(into, p, e.size());
        for (int j = 0; j < e.size(); j++) {
            p = word(into, p, e.name(j));
            Object v = e.value(j);
            if (v == null) {
                into[p++] = NONE;
            } else if (v instanceof Integer i) {
                into[p++] = INTEGRAL;
                p = varint(into, p, zigzag(i));
            } else if (v instanceof Long l) {
                into[p++] = INTEGRAL;
                p = varint(into, p, zigzag(l));
            } else if (v instanceof Double d && ValueForms.plain(d)) {
                if (d == Math.rint(d)) {
                    into[p++] = INTEGRAL;
                    p = varint(into, p, zigzag(d.longValue()));
                } else {
                    long cents = Math.round(Math.abs(d) * 100);
                    into[p++] = (byte) (d < 0 && cents != 0 ? MINUS_CENTS : CENTS);
                    p = varint(into, p, cents);
                }
            } else if (ValueForms.shortDate(v)) {
                into[p++] = DATE;
                p = varint(into, p, zigzag(((LocalDate) v).toEpochDay()));
            } else {
                into[p++] = WORD;
                p = word(into, p, v instanceof String s ? s : ValueForms.rare(v));
            }
        }
        return p;
    }

    /**
     * The UTF-8 of {@link Explanation#toString()} for the explanation {@link #writeCompact} wrote in
     * {@code from[start, end)}.
     *
     */
    public static byte[] compactToUtf8(byte[] from, int start, int end) {
        byte[][] out = {new byte[Math.max(64, 4 * (end - start))]};
        int n = compactToUtf8(from, start, end, out);
        return Arrays.copyOf(out[0], n);
    }

    /**
     * As {@link #compactToUtf8(byte[], int, int)}, into {@code buffer[0]} (replaced by a larger array when
     * it is too small); returns the length. A caller that only hashes or compares the text reuses one buffer.
     */
    public static int compactToUtf8(byte[] from, int start, int end, byte[][] buffer) {
        byte[] out = buffer[0];
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
        buffer[0] = out;
        return p;
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

}
