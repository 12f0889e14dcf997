package prism.ui.internal.views;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stored explanations as an analyst reads them. A stored explanation is {@code rule [name=value, …]}
 * (exports and the command line keep exactly that); here its values become phrases — "1 complaint in
 * the last 90 days", "revenue 6,000,000.00 — in the top 20 % of 4,126 buyers (rank 1)" — with money and
 * dates in the workbench's locale. Names it does not know (a third-party scheme's own) are shown as
 * {@code name value}, so nothing is ever hidden.
 */
public final class Readable {

    private Readable() {
    }

    /** The stored form: the rule, then the values in square brackets. */
    private static final Pattern STORED = Pattern.compile("(?s)(.*?) \\[(.*)\\]");
    /** A value starts where ", name=" does: values may hold commas themselves. */
    private static final Pattern NEXT = Pattern.compile(", (?=[A-Za-z][A-Za-z0-9_.]*=)");
    private static final Pattern SHARE = Pattern.compile("above ([<≥]) ([0-9.]+)·n");
    private static final Pattern COUNT = Pattern.compile("count(90)?\\.([a-z_]+)");

    /** The rule and values of a stored explanation (the values empty when it has none). */
    public record Parts(String rule, Map<String, String> values) {
    }

    public static Parts parse(String stored) {
        Map<String, String> values = new LinkedHashMap<>();
        if (stored == null) {
            return new Parts("", values);
        }
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return new Parts(stored, values);
        }
        for (String pair : NEXT.split(m.group(2))) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return new Parts(stored, new LinkedHashMap<>()); // not the stored form after all: shown as it is
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Parts(m.group(1), values);
    }

    /** The explanation in words, for the default locale. */
    public static String explanation(String stored) {
        return explanation(stored, Locale.getDefault());
    }

    public static String explanation(String stored, Locale locale) {
        Parts p = parse(stored);
        if (p.values().isEmpty()) {
            return rule(p.rule());
        }
        Map<String, String> v = new LinkedHashMap<>(p.values());
        List<String> phrases = new ArrayList<>();
        // Value tier: revenue and its rank among the buyers, read together.
        if (v.containsKey("revenue") && v.containsKey("above") && v.containsKey("n")) {
            long above = number(v.remove("above")).longValue();
            long n = number(v.remove("n")).longValue();
            String revenue = money(v.remove("revenue"), locale);
            Matcher share = SHARE.matcher(p.rule());
            String where;
            if (share.find()) {
                String pct = percent(Double.parseDouble(share.group(2)), locale);
                where = share.group(1).equals("<") ? "in the top " + pct + " of " : "below the top " + pct + " of ";
            } else {
                where = "among ";
            }
            phrases.add(String.format(locale, "Revenue %s — %s%,d buyers (rank %,d)", revenue, where, n, above + 1));
        }
        // Predicted value: "P(alive) 0.73; 1.23 purchases expected in 52 weeks × 24.65 = 30.23", then the rank.
        if (v.containsKey("p_alive") && v.containsKey("expected_purchases") && v.containsKey("predicted_value")) {
            phrases.add(String.format(locale, "P(alive) %.2f; %.2f purchases expected in %s weeks × %s = %s",
                    number(v.remove("p_alive")).doubleValue(), number(v.remove("expected_purchases")).doubleValue(),
                    v.remove("horizon_weeks"), money(v.remove("value_per_purchase"), locale), money(v.remove("predicted_value"), locale)));
            if (v.containsKey("above") && v.containsKey("n")) {
                long above = number(v.remove("above")).longValue();
                long n = number(v.remove("n")).longValue();
                phrases.add(String.format(locale, "rank %,d of %,d buyers by predicted value", above + 1, n));
            }
        }
        if (v.containsKey("p_alive")) {
            phrases.add(String.format(locale, "P(alive) %.2f", number(v.remove("p_alive")).doubleValue()));
        }
        if (v.containsKey("R") && v.containsKey("F") && v.containsKey("M")) {
            phrases.add("Recency " + v.remove("R") + " of 5, frequency " + v.remove("F") + " of 5, money " + v.remove("M") + " of 5");
        }
        v.forEach((name, value) -> phrases.add(fact(name, value, locale)));
        String text = String.join("; ", phrases);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A rule without values, in words where its names are facts. */
    private static String rule(String rule) {
        return switch (rule) {
            case "orders = 0", "no orders" -> "No orders";
            case "refused = true" -> "Refused to be contacted";
            default -> rule;
        };
    }

    /** One fact with its value, as a phrase. */
    public static String fact(String name, String value, Locale locale) {
        Matcher count = COUNT.matcher(name);
        if (count.matches()) {
            long n = number(value).longValue();
            String type = count.group(2);
            return String.format(locale, "%,d %s%s", n, plural(type, n), count.group(1) == null ? " in all" : " in the last 90 days");
        }
        return switch (name) {
            case "orders" -> number(value).longValue() == 0 ? "no orders"
                    : String.format(locale, "%,d %s", number(value).longValue(), number(value).longValue() == 1 ? "order" : "orders");
            case "orders_365" -> String.format(locale, "%,d %s in the last 365 days", number(value).longValue(),
                    number(value).longValue() == 1 ? "order" : "orders");
            case "custom_orders_365" -> String.format(locale, "%,d custom orders in the last 365 days", number(value).longValue());
            case "revenue" -> "revenue " + money(value, locale);
            case "revenue_365" -> "revenue in the last 365 days " + money(value, locale);
            case "margin_365" -> "margin in the last 365 days " + money(value, locale);
            case "avg_order_value" -> "average order " + money(value, locale);
            case "recency_days" -> days("last order ", value, " ago", locale);
            case "tenure_days" -> days("a customer for ", value, "", locale);
            case "first_order" -> "first order on " + date(value, locale);
            case "last_order" -> "last order on " + date(value, locale);
            case "discount_share" -> share(value, locale) + " of orders with a discount";
            case "promo_share" -> share(value, locale) + " of orders on promotion";
            case "last_score" -> "last satisfaction score " + value;
            case "interactions_before_first_order" -> String.format(locale, "%,d interactions before the first order", number(value).longValue());
            case "country" -> "country " + ("none".equals(value) ? "not given" : value);
            case "region" -> "region " + ("none".equals(value) ? "not given" : value);
            case "plan" -> "plan " + value;
            case "refused" -> "true".equals(value) ? "refused to be contacted" : "never refused";
            default -> name + " " + value;
        };
    }

    /** A fact's name in words, for the facts table. */
    public static String factName(String name) {
        Matcher count = COUNT.matcher(name);
        if (count.matches()) {
            String type = count.group(2);
            return Character.toUpperCase(plural(type, 2).charAt(0)) + plural(type, 2).substring(1)
                    + (count.group(1) == null ? " (all time)" : " in the last 90 days");
        }
        return switch (name) {
            case "orders" -> "Orders";
            case "orders_365" -> "Orders in the last 365 days";
            case "revenue" -> "Revenue";
            case "revenue_365" -> "Revenue in the last 365 days";
            case "first_order" -> "First order";
            case "last_order" -> "Last order";
            case "recency_days" -> "Days since the last order";
            case "tenure_days" -> "Days as a customer";
            case "avg_order_value" -> "Average order";
            case "discount_share" -> "Orders with a discount";
            case "promo_share" -> "Orders on promotion";
            case "custom_orders_365" -> "Custom orders in the last 365 days";
            case "margin_365" -> "Margin in the last 365 days";
            case "last_score" -> "Last satisfaction score";
            case "interactions_before_first_order" -> "Interactions before the first order";
            case "as of" -> "As of";
            default -> name;
        };
    }

    /** A fact's value as the facts table shows it: money and dates in the locale, shares as percentages. */
    public static String factValue(String name, String value, Locale locale) {
        return switch (name) {
            case "revenue", "revenue_365", "margin_365", "avg_order_value" -> money(value, locale);
            case "first_order", "last_order", "as of" -> date(value, locale);
            case "discount_share", "promo_share" -> share(value, locale);
            default -> value;
        };
    }

    private static String plural(String type, long n) {
        String word = type.replace('_', ' ');
        if (n == 1) {
            return word;
        }
        return word.endsWith("s") || word.endsWith("sh") || word.endsWith("ch") ? word + "es" : word.endsWith("y") && !word.endsWith("ey")
                ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }

    private static String days(String before, String value, String after, Locale locale) {
        if ("none".equals(value)) {
            return before.trim() + " unknown";
        }
        long d = number(value).longValue();
        return String.format(locale, "%s%,d %s%s", before, d, d == 1 ? "day" : "days", after);
    }

    public static String money(String value, Locale locale) {
        if (value == null || "none".equals(value)) {
            return "none";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        try {
            return f.format(new java.math.BigDecimal(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String share(String value, Locale locale) {
        try {
            return percent(Double.parseDouble(value), locale);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String percent(double fraction, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        return f.format(fraction * 100) + " %";
    }

    private static String date(String value, Locale locale) {
        try {
            return LocalDate.parse(value).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
        } catch (java.time.format.DateTimeParseException e) {
            return value;
        }
    }

    private static Number number(String value) {
        try {
            return new java.math.BigDecimal(value);
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }
}
