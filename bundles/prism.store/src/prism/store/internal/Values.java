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
            super("expected " + expected + ", found " + (found == null ? "nothing" : "\"" + found + "\""));
        }
    }

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

    /** ISO date YYYY-MM-DD; a time after it (T… or a space) is ignored. */
    static LocalDate date(String s) throws Bad {
        String v = s.trim();
        if (v.length() > 10 && (v.charAt(10) == 'T' || v.charAt(10) == ' ')) {
            v = v.substring(0, 10);
        }
        try {
            return LocalDate.parse(v, ISO);
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
        return Double.parseDouble(v);
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
