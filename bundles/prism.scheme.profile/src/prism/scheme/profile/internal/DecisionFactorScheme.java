package prism.scheme.profile.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.model.InteractionType;
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
 * decision.factor, among customers with orders, tested in order: price (orders ≥ 2 and a discount or
 * promotion share ≥ priceShare), service (tickets + questions + complaints ≥ serviceContacts), quality
 * (avg_order_value in the top qualityShare of buyers, counted as value.tier counts {@code above}, and
 * discount_share &lt; qualityMaxDiscount), else balanced; none without orders.
 */
@Component(service = ClassificationScheme.class)
public class DecisionFactorScheme implements ClassificationScheme {

    static final String PRICE_ORDERS = "priceOrders";
    static final String PRICE_SHARE = "priceShare";
    static final String SERVICE_CONTACTS = "serviceContacts";
    static final String QUALITY_SHARE = "qualityShare";
    static final String QUALITY_MAX_DISCOUNT = "qualityMaxDiscount";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("price", "Price", "#e66101", "Buys mostly on discount or promotion.",
                    "Longer, cheaper plans; volume and cash terms."),
            new SchemeClass("service", "Service", "#5e3c99", "Often in touch with support: tickets, questions, complaints.",
                    "Fast, named support; service levels."),
            new SchemeClass("quality", "Quality", "#1a9641", "Large orders at full price.",
                    "Specifications, premium lines, an expert contact."),
            new SchemeClass("balanced", "Balanced", "#abd9e9", "No single factor stands out.",
                    "The standard offer."),
            new SchemeClass("none", "No orders", "#bdbdbd", "No order up to the as-of date.",
                    "Not a buyer yet: see the lifecycle and pipeline schemes."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.integer(PRICE_ORDERS, "Price from (orders)", 2, "price needs at least this many orders").range(1.0, null),
            Setting.decimal(PRICE_SHARE, "Price from (discount or promo share)", 0.5,
                    "price when discount_share or promo_share is at least this").range(0.0, 1.0),
            Setting.integer(SERVICE_CONTACTS, "Service from (tickets + questions + complaints)", 3,
                    "service when count.ticket + count.question + count.complaint is at least this").range(1.0, null),
            Setting.decimal(QUALITY_SHARE, "Quality: share of buyers by average order value", 0.2,
                    "quality when fewer than this share of buyers have a strictly greater avg_order_value").range(0.0, 1.0),
            Setting.decimal(QUALITY_MAX_DISCOUNT, "Quality below (discount share)", 0.2,
                    "quality only when discount_share is below this").range(0.0, 1.0));

    @Override public String id() { return "decision.factor"; }
    @Override public String name() { return "Decision factor"; }
    @Override public String description() {
        return "Whether a buyer weighs price, service or quality most, or is balanced.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    @Override
    public Classifier prepare(RunContext run) {
        Settings s = run.settings();
        int priceOrders = s.integer(PRICE_ORDERS);
        double priceShare = s.decimal(PRICE_SHARE);
        int service = s.integer(SERVICE_CONTACTS);
        double qualityShare = s.decimal(QUALITY_SHARE);
        double maxDiscount = s.decimal(QUALITY_MAX_DISCOUNT);
        String priceRule = "orders ≥ " + priceOrders + " and (discount_share ≥ " + Explanation.format(priceShare)
                + " or promo_share ≥ " + Explanation.format(priceShare) + ")";
        String serviceRule = "count.ticket + count.question + count.complaint ≥ " + service;
        String qualityRule = "above < " + Explanation.format(qualityShare) + "·n by avg_order_value and discount_share < "
                + Explanation.format(maxDiscount);
        Population.Ranking aov = run.population().amongBuyers("avg_order_value");
        return f -> {
            if (!f.hasOrders()) {
                return Assignment.of("none", Explanation.of("orders = 0", "orders", 0));
            }
            int orders = f.orders();
            double discount = f.discountShare(), promo = f.promoShare();
            if (orders >= priceOrders && (discount >= priceShare || promo >= priceShare)) {
                return Assignment.of("price", Explanation.of(priceRule, "orders", orders, "discount_share", discount,
                        "promo_share", promo));
            }
            int tickets = f.count(InteractionType.TICKET), questions = f.count(InteractionType.QUESTION),
                    complaints = f.count(InteractionType.COMPLAINT);
            if (tickets + questions + complaints >= service) {
                return Assignment.of("service", Explanation.of(serviceRule, "count.ticket", tickets,
                        "count.question", questions, "count.complaint", complaints));
            }
            double value = f.avgOrderValue();
            int n = aov.n();
            int above = aov.countGreater(value);
            if (above < qualityShare * n && discount < maxDiscount) {
                return Assignment.of("quality", Explanation.of(qualityRule, "avg_order_value", value, "above", above,
                        "n", n, "discount_share", discount));
            }
            return Assignment.of("balanced", Explanation.of("no other rule holds", "orders", orders,
                    "avg_order_value", value, "above", above, "n", n, "discount_share", discount));
        };
    }
}
