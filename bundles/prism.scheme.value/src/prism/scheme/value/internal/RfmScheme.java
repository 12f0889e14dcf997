package prism.scheme.value.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.Population;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;

/**
 * value.rfm: recency, frequency and monetary quintiles among customers with orders,
 * {@code 1 + ⌊5·k/n⌋} capped at 5, and the classic segment map over R and F. The score is the
 * three digits RFM (e.g. 534).
 */
@Component(service = ClassificationScheme.class)
public class RfmScheme implements ClassificationScheme {

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("hibernating", "Hibernating", "#969696", "Long ago, rarely (R 1–2, F 1–2).",
                    "Reactivate with relevant offers at low cost, or let go."),
            new SchemeClass("at_risk", "At risk", "#fd8d3c", "Bought often, but long ago (R 1–2, F 3–4).",
                    "Personal win-back messages, renewals, helpful reminders."),
            new SchemeClass("cannot_lose", "Cannot lose them", "#e31a1c", "Bought most often, but long ago (R 1–2, F 5).",
                    "Win them back with new products and a personal call; don't lose them to the competition."),
            new SchemeClass("about_to_sleep", "About to sleep", "#fdd0a2", "Middling recency, few orders (R 3, F 1–2).",
                    "Share valuable resources, recommend popular products, renew interest."),
            new SchemeClass("need_attention", "Need attention", "#fee391", "Middling recency and frequency (R 3, F 3).",
                    "Limited-time offers based on past purchases; reactivate."),
            new SchemeClass("loyal", "Loyal", "#41ab5d", "Buy often, fairly recently (R 3–4, F 4–5).",
                    "Upsell higher-value products, ask for reviews, engage them."),
            new SchemeClass("promising", "Promising", "#9ecae1", "Recent, one purchase (R 4, F 1).",
                    "Create brand awareness, offer free trials."),
            new SchemeClass("new", "New customers", "#6baed6", "Most recent, one purchase (R 5, F 1).",
                    "Onboarding support, early success, build the relationship."),
            new SchemeClass("potential_loyalist", "Potential loyalists", "#74c476", "Recent, a few purchases (R 4–5, F 2–3).",
                    "Membership or loyalty programme, recommend other products."),
            new SchemeClass("champions", "Champions", "#006d2c", "Most recent and most frequent (R 5, F 4–5).",
                    "Reward them; early adopters of new products; they promote the brand."),
            new SchemeClass("none", "No orders", "#bdbdbd", "No order up to the as-of date.", "—"));

    @Override public String id() { return "value.rfm"; }
    @Override public String name() { return "RFM segments"; }
    @Override public String description() {
        return "Recency, frequency and monetary quintiles among customers with orders, mapped to eleven segments.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }

    /** 1 + ⌊5·k/n⌋, capped at 5. */
    static int quintile(int k, int n) {
        return Math.min(5, 1 + (int) Math.floor(5.0 * k / n));
    }

    @Override
    public Classifier prepare(RunContext run) {
        Population.Ranking recency = run.population().amongBuyers("recency_days");
        Population.Ranking frequency = run.population().amongBuyers("orders");
        Population.Ranking monetary = run.population().amongBuyers("revenue");
        return f -> {
            if (!f.hasOrders()) {
                return Assignment.of("none", Explanation.of("orders = 0", "orders", 0));
            }
            int n = recency.n();
            int r = quintile(recency.countGreater(f.recencyDays()), n);
            int fq = quintile(frequency.countLess(f.orders()), n);
            int m = quintile(monetary.countLess(f.revenue()), n);
            String segment = segment(r, fq);
            Explanation why = Explanation.of(rule(segment), "R", r, "F", fq, "M", m, "recency_days", f.recencyDays(),
                    "orders", f.orders(), "revenue", f.revenue(), "n", n);
            return new Assignment(segment, (double) (100 * r + 10 * fq + m), why);
        };
    }

    static String segment(int r, int f) {
        if (r <= 2) {
            return f <= 2 ? "hibernating" : f <= 4 ? "at_risk" : "cannot_lose";
        }
        if (r == 3) {
            return f <= 2 ? "about_to_sleep" : f == 3 ? "need_attention" : "loyal";
        }
        if (f >= 4) {
            return r == 4 ? "loyal" : "champions";
        }
        if (f == 1) {
            return r == 4 ? "promising" : "new";
        }
        return "potential_loyalist";
    }

    private static String rule(String segment) {
        return switch (segment) {
            case "hibernating" -> "R 1–2 & F 1–2";
            case "at_risk" -> "R 1–2 & F 3–4";
            case "cannot_lose" -> "R 1–2 & F 5";
            case "about_to_sleep" -> "R 3 & F 1–2";
            case "need_attention" -> "R 3 & F 3";
            case "loyal" -> "R 3–4 & F 4–5";
            case "promising" -> "R 4 & F 1";
            case "new" -> "R 5 & F 1";
            case "potential_loyalist" -> "R 4–5 & F 2–3";
            default -> "R 5 & F 4–5";
        };
    }
}
