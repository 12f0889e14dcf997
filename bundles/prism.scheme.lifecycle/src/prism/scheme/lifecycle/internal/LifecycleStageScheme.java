package prism.scheme.lifecycle.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;
import prism.core.scheme.Settings;

/** lifecycle.stage: unprofitable, potential, lost, lapsing, new, regular, occasional — first that holds. */
@Component(service = ClassificationScheme.class)
public class LifecycleStageScheme implements ClassificationScheme {

    private static final String WIN_BACK = "Win back: find out why they left, a personal offer, a reason to return.";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("unprofitable", "Unprofitable", "#7f0000",
                    "Refused, or a refusal not followed by an order, or a negative margin over 365 days.",
                    "No direct-marketing spend, but first verify (offer another product, ask for an explicit refusal, "
                            + "run a survey) so as not to mistake them for potential customers."),
            new SchemeClass("potential", "Potential", "#9ecae1", "No order yet.",
                    "Keep in touch 6–18 times a year, never give up."),
            new SchemeClass("lost", "Lost", "#525252", "No order for more than a year.", WIN_BACK),
            new SchemeClass("lapsing", "Lapsing", "#fc9272", "No order for more than half a year.", WIN_BACK),
            new SchemeClass("new", "New", "#6baed6", "First order within the last 90 days.",
                    "Smooth onboarding, a good first impression."),
            new SchemeClass("regular", "Regular", "#238b45", "At least four orders in the last 365 days.",
                    "Keep the relationship and its identity, bring innovations first."),
            new SchemeClass("occasional", "Occasional", "#a1d99b", "Orders, but fewer than four a year.",
                    "Win the next order fast, surprise on first delivery."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.decimal("marginFloor", "Margin floor", 0, "unprofitable when margin_365 is below this"),
            Setting.integer("lostDays", "Lost after (days)", 365, "lost when recency_days is greater").range(0.0, null),
            Setting.integer("lapsingDays", "Lapsing after (days)", 180, "lapsing when recency_days is greater").range(0.0, null),
            Setting.integer("newDays", "New for (days)", 90, "new when the first order is within this many days").range(0.0, null),
            Setting.integer("regularOrders", "Regular from (orders a year)", 4, "regular when orders_365 is at least this").range(0.0, null));

    @Override
    public String validate(Settings s) {
        return s.integer("lapsingDays") > s.integer("lostDays")
                ? "lapsingDays (" + s.text("lapsingDays") + ") is above lostDays (" + s.text("lostDays")
                        + "): a customer lapses before being lost"
                : null;
    }

    @Override public String id() { return "lifecycle.stage"; }
    @Override public String name() { return "Lifecycle stage"; }
    @Override public String description() {
        return "Where a customer stands in the relationship: potential, new, regular, occasional, lapsing, lost or unprofitable.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    /** One run's thresholds and the texts of the rules they make, built once per run's settings, not per customer. */
    private record Rules(Settings settings, double floor, int lost, int lapsing, int newDays, int regular, String marginRule,
            String lostRule, String lapsingRule, String newRule, String regularRule, String occasionalRule) {

        static Rules of(Settings s) {
            double floor = s.decimal("marginFloor");
            int lost = s.integer("lostDays");
            int lapsing = s.integer("lapsingDays");
            int newDays = s.integer("newDays");
            int regular = s.integer("regularOrders");
            return new Rules(s, floor, lost, lapsing, newDays, regular, "margin_365 < " + Explanation.format(floor),
                    "recency_days > " + lost, "recency_days > " + lapsing, "first order within " + newDays + " d",
                    "orders_365 ≥ " + regular, "orders_365 < " + regular);
        }
    }

    /** A customer's own facts and the settings decide: no ranking among the others. */
    @Override
    public boolean usesPopulation() {
        return false;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Rules rules = Rules.of(run.settings());
        return f -> assign(f, rules);
    }

    private static Assignment assign(Facts f, Rules r) {
        if (Boolean.TRUE.equals(f.customer().refused())) {
            return Assignment.of("unprofitable", Explanation.of("refused = true", "refused", true));
        }
        if (f.lastRefusal() != null && (f.lastOrder() == null || f.lastOrder().isBefore(f.lastRefusal()))) {
            return Assignment.of("unprofitable", Explanation.of("refusal with no order on or after it",
                    "last_refusal", f.lastRefusal(), "last_order", f.lastOrder()));
        }
        if (f.margin365() != null && f.margin365() < r.floor()) {
            return Assignment.of("unprofitable", Explanation.of(r.marginRule(), "margin_365", f.margin365()));
        }
        if (!f.hasOrders()) {
            return Assignment.of("potential", Explanation.of("no orders", "orders", 0));
        }
        int recency = f.recencyDays();
        if (recency > r.lost()) {
            return Assignment.of("lost", Explanation.of(r.lostRule(), "recency_days", recency));
        }
        if (recency > r.lapsing()) {
            return Assignment.of("lapsing", Explanation.of(r.lapsingRule(), "recency_days", recency));
        }
        if (f.tenureDays() <= r.newDays()) {
            return Assignment.of("new", Explanation.of(r.newRule(), "first_order", f.firstOrder(), "tenure_days", f.tenureDays()));
        }
        if (f.orders365() >= r.regular()) {
            return Assignment.of("regular", Explanation.of(r.regularRule(), "orders_365", f.orders365()));
        }
        return Assignment.of("occasional", Explanation.of(r.occasionalRule(), "orders_365", f.orders365(),
                "recency_days", recency));
    }
}
