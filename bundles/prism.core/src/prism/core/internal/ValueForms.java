package prism.core.internal;

import java.time.LocalDate;

/**
 * How explanation values print, shared by {@code Explanation}'s text and the engine's compact form so
 * that the two can never disagree. Friends only.
 */
public final class ValueForms {

    private ValueForms() {
    }

    /** Whether a double prints by digits: whole ones below 1e15, others below 1e13 with two decimals. */
    public static boolean plain(double d) {
        return d == Math.rint(d) ? Math.abs(d) < 1e15 : Math.abs(d) < 1e13;
    }

    /** How a value that is neither absent, a plain number nor a short date prints. */
    public static String rare(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : String.valueOf(v);
    }

    /** A date whose year has four digits, printed as an ISO date. */
    public static boolean shortDate(Object v) {
        return v instanceof LocalDate d && d.getYear() >= 0 && d.getYear() <= 9999;
    }
}
