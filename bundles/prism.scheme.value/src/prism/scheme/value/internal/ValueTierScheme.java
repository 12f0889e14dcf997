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
import prism.core.scheme.Setting;
import prism.core.scheme.Settings;

/**
 * value.tier: customers with orders ranked by revenue; with n of them and {@code above} those with
 * strictly greater revenue, high if above &lt; 0.2·n, medium if above &lt; 0.5·n, else low. Ties
 * share the better class because they count the same {@code above}.
 */
@Component(service = ClassificationScheme.class)
public class ValueTierScheme implements ClassificationScheme {

    static final String HIGH_SHARE = "highShare";
    static final String MEDIUM_SHARE = "mediumShare";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("high", "High value", "#1b7837", "The top fifth of buyers by revenue.",
                    "Dedicated account manager, tailored offers, priority after-sales."),
            new SchemeClass("medium", "Medium value", "#7fbf7b", "Buyers above the median revenue, below the top fifth.",
                    "Value-added services, cross-sell, regular follow-up."),
            new SchemeClass("low", "Low value", "#d9f0d3", "The lower half of buyers by revenue.",
                    "Low-cost channels (e-mail, social), periodic promotions."),
            new SchemeClass("none", "No orders", "#bdbdbd", "No order up to the as-of date.",
                    "Not a buyer yet: see the lifecycle and pipeline schemes."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.decimal(HIGH_SHARE, "Share of buyers in the high tier", 0.2,
                    "high when fewer than this share of buyers have strictly greater revenue").range(0.0, 1.0),
            Setting.decimal(MEDIUM_SHARE, "Share of buyers in high and medium tiers", 0.5,
                    "medium when fewer than this share of buyers have strictly greater revenue").range(0.0, 1.0));

    @Override public String id() { return "value.tier"; }
    @Override public String name() { return "Value tier"; }
    @Override public String description() {
        return "High, medium and low value by revenue rank among customers with orders.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    @Override
    public String validate(Settings s) {
        return s.decimal(HIGH_SHARE) > s.decimal(MEDIUM_SHARE)
                ? "highShare (" + s.text(HIGH_SHARE) + ") is above mediumShare (" + s.text(MEDIUM_SHARE)
                        + "): the high tier is part of the share of high and medium"
                : null;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Settings s = run.settings();
        double high = s.decimal(HIGH_SHARE);
        double medium = s.decimal(MEDIUM_SHARE);
        String highRule = "above < " + high + "·n", mediumRule = "above < " + medium + "·n", lowRule = "above ≥ " + medium + "·n";
        Population.Ranking r = run.population().amongBuyers("revenue");
        return f -> {
            if (!f.hasOrders()) {
                return Assignment.of("none", Explanation.of("orders = 0", "orders", 0));
            }
            int n = r.n();
            int above = r.countGreater(f.revenue());
            if (above < high * n) {
                return Assignment.of("high", Explanation.of(highRule, "revenue", f.revenue(), "above", above, "n", n));
            }
            if (above < medium * n) {
                return Assignment.of("medium", Explanation.of(mediumRule, "revenue", f.revenue(), "above", above, "n", n));
            }
            return Assignment.of("low", Explanation.of(lowRule, "revenue", f.revenue(), "above", above, "n", n));
        };
    }
}
