package prism.store.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing of cell values; each parser returns the value or throws {@link Bad} with what was expected. */
final class Values {

    /** A bad cell: what was expected and what was found; the importer adds file, line and column. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String expected, String found) {
            super("expected " + expected + ", found " + (found == null ? "nothing" : quoted(found)));
        }
    }

    /** A value as a message shows it: quoted, and cut short when long (a bad cell may be megabytes). */
    static String quoted(String found) {
        return found.length() <= 80 ? "\"" + found + "\"" : "\"" + found.substring(0, 60) + "…\"" + howLong(found);
    }

    /** A text cut short when long, saying how long it was. */
    static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 60) + "…" + howLong(text);
    }

    private static String howLong(String text) {
        return String.format(Locale.ROOT, " (%,d characters)", text.length());
    }

    /** The largest amount kept exactly: a double holds 15 significant digits, and sums are kept in 1/10,000ths. */
    static final double AMOUNT_LIMIT = 1e13;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

    private Values() {
    }

    /** Null for an empty or blank cell. */
    static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String required(String s, String what) throws Bad {
        if (s == null || s.isBlank()) {
            throw new Bad(what, null);
        }
        return s.trim();
    }

    /** A required value of at most {@code max} characters (the width of its column). */
    static String required(String s, String what, int max) throws Bad {
        return atMost(required(s, what), max, what);
    }

    /** Null for an empty cell, else the value when it fits its column of {@code max} characters. */
    static String text(String s, int max) throws Bad {
        String v = text(s);
        return v == null ? null : atMost(v, max, "a value");
    }

    private static String atMost(String v, int max, String what) throws Bad {
        if (v.length() > max) {
            throw new Bad(what + " of at most " + max + " characters", v);
        }
        return v;
    }

    /** ISO date YYYY-MM-DD; a time after it (T… or a space) is ignored. */
    static LocalDate date(String s) throws Bad {
        String v = s.trim();
        if (v.length() > 10 && (v.charAt(10) == 'T' || v.charAt(10) == ' ')) {
            v = v.substring(0, 10);
        }
        try {
            LocalDate d = LocalDate.parse(v, ISO);
            if (d.getYear() < 1 || d.getYear() > 9999) { // what the database and the ISO form without a sign keep
                throw new Bad("a date of a year from 1 to 9999", s);
            }
            return d;
        } catch (DateTimeParseException e) {
            boolean shaped = v.matches("\\d{4}-\\d{2}-\\d{2}");
            throw new Bad(shaped ? "a calendar date (YYYY-MM-DD)" : "a date YYYY-MM-DD", s);
        }
    }

    static double number(String s) throws Bad {
        String v = s.trim();
        if (!NUMBER.matcher(v).matches()) {
            throw new Bad("a number such as 1234.50", s);
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) {
            throw new Bad("a number such as 1234.50", s);
        }
        return d;
    }

    /**
     * An amount of money (amount, discount, cost): at most 15 significant digits and less than 10^13 in
     * size, what a double keeps exactly to the cent and what sums of many rows keep without overflow.
     */
    static double amount(String s) throws Bad {
        if (!NUMBER.matcher(s.trim()).matches()) {
            throw new Bad("a number such as 1234.50", s);
        }
        double d = Double.parseDouble(s.trim()); // 1e309 is infinite: beyond the limit below
        if (!(Math.abs(d) < AMOUNT_LIMIT) || significantDigits(s.trim()) > 15) {
            throw new Bad("an amount of at most 15 significant digits, less than 10,000,000,000,000 in size", s);
        }
        return d;
    }

    /**
     * Significant digits of a decimal number as written (the exponent aside; leading and trailing zeros not
     * counted), in one pass without a copy: every amount of an import goes through it.
     */
    static int significantDigits(String v) {
        int first = -1, last = -1, digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == 'e' || ch == 'E') {
                break;
            }
            if (ch >= '0' && ch <= '9') {
                if (ch != '0') {
                    if (first < 0) {
                        first = digits;
                    }
                    last = digits;
                }
                digits++;
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }

    static int integer(String s, int min, int max) throws Bad {
        String v = s.trim();
        if (!INTEGER.matcher(v).matches()) {
            throw new Bad("a whole number from " + min + " to " + max, s);
        }
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
            throw new Bad("a whole number from " + min + " to " + max, s);
        }
        return i;
    }

    static boolean bool(String s) throws Bad {
        String v = s.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new Bad("true or false", s);
    }

    /** One of the allowed values, case-blind; returned in lower case. */
    static String oneOf(String s, String... allowed) throws Bad {
        String v = s.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new Bad("one of " + String.join(", ", allowed), s);
    }
}
