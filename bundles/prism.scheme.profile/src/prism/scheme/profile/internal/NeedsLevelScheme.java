package prism.scheme.profile.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;

/** needs.level: special when custom_orders_365 ≥ specialOrders, basic with any order, none without orders. */
@Component(service = ClassificationScheme.class)
public class NeedsLevelScheme implements ClassificationScheme {

    static final String SPECIAL_ORDERS = "specialOrders";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("special", "Special needs", "#8c510a", "Orders made to measure in the last year.",
                    "Tailored products, a dedicated contact, custom solutions."),
            new SchemeClass("basic", "Basic needs", "#dfc27d", "Buys the standard range.",
                    "Good quality, a fair price, timely after-sales."),
            new SchemeClass("none", "No orders", "#bdbdbd", "No order up to the as-of date.",
                    "Not a buyer yet: see the lifecycle and pipeline schemes."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.integer(SPECIAL_ORDERS, "Special from (custom orders in 365 d)", 1,
                    "special when custom_orders_365 is at least this").range(1.0, null));

    @Override public String id() { return "needs.level"; }
    @Override public String name() { return "Needs level"; }
    @Override public String description() {
        return "Special needs (custom orders in the last year) or basic needs, among customers with orders.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }
    @Override public boolean usesPopulation() { return false; }

    @Override
    public Classifier prepare(RunContext run) {
        int special = run.settings().integer(SPECIAL_ORDERS);
        String specialRule = "custom_orders_365 ≥ " + special;
        String basicRule = "orders ≥ 1 and custom_orders_365 < " + special;
        return f -> {
            if (!f.hasOrders()) {
                return Assignment.of("none", Explanation.of("orders = 0", "orders", 0));
            }
            int custom = f.customOrders365();
            return custom >= special
                    ? Assignment.of("special", Explanation.of(specialRule, "custom_orders_365", custom))
                    : Assignment.of("basic", Explanation.of(basicRule, "orders", f.orders(), "custom_orders_365", custom));
        };
    }
}
