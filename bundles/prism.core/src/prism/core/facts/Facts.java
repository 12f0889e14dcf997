package prism.core.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

/**
 * One customer's facts for an as-of date, as DESIGN.md defines them. Absent values (no orders, no
 * cost data, no score) are {@code null} from the boxed accessors and from {@link #value(String)}.
 * Built by {@link FactsBuilder}.
 */
public final class Facts {

    /** Every fact name {@link #value(String)} answers, in a stable display order. */
    public static final List<String> NAMES;
    static {
        List<String> n = new ArrayList<>(List.of("orders", "orders_365", "revenue", "revenue_365", "first_order",
                "last_order", "recency_days", "tenure_days", "avg_order_value", "discount_share", "promo_share",
                "custom_orders_365", "margin_365", "last_score", "interactions_before_first_order", "purchase_days",
                "first_purchase", "last_purchase"));
        for (InteractionType t : InteractionType.values()) {
            n.add("count." + t.csvName());
        }
        for (InteractionType t : InteractionType.values()) {
            n.add("count90." + t.csvName());
        }
        NAMES = Collections.unmodifiableList(n);
        prism.core.internal.FactsAccess.install(new prism.core.internal.FactsAccess() {
            @Override
            public Facts facts(Customer customer, int asOf, int orders, int orders365, double revenue, double revenue365,
                    int firstOrder, int lastOrder, int discountOrders, int promoOrders, int customOrders365,
                    double margin365, int[] count, int[] count90, int lastScore, int lastRefusal, int beforeFirstOrder,
                    int latestDay, InteractionType latestType, int stageDay, Stage stage) {
                return facts(customer, asOf, orders, orders365, revenue, revenue365, firstOrder, lastOrder, discountOrders,
                        promoOrders, customOrders365, margin365, count, count90, lastScore, lastRefusal, beforeFirstOrder,
                        latestDay, latestType, stageDay, stage, 0, FactsBuilder.NONE, FactsBuilder.NONE, 0);
            }

            @Override
            public Facts facts(Customer customer, int asOf, int orders, int orders365, double revenue, double revenue365,
                    int firstOrder, int lastOrder, int discountOrders, int promoOrders, int customOrders365,
                    double margin365, int[] count, int[] count90, int lastScore, int lastRefusal, int beforeFirstOrder,
                    int latestDay, InteractionType latestType, int stageDay, Stage stage, int purchaseDays, int firstPurchase,
                    int lastPurchase, double repeatValue) {
                return new Facts(customer, asOf, orders, orders365, revenue, revenue365, firstOrder, lastOrder,
                        discountOrders, promoOrders, customOrders365, margin365, count, count90, lastScore, lastRefusal,
                        beforeFirstOrder, latestDay, latestType, stageDay, stage, purchaseDays, firstPurchase, lastPurchase,
                        repeatValue);
            }
        });
    }

    private final Customer customer;
    private final int asOf;
    private final int orders;
    private final int orders365;
    private final double revenue;
    private final double revenue365;
    private final int firstOrder;
    private final int lastOrder;
    private final int discountOrders;
    private final int promoOrders;
    private final int customOrders365;
    private final double margin365;
    /**
     * Type, count and count within 90 days of each interaction type the customer has, in threes: most have
     * one or two types, and two arrays of every type's counts were a tenth of a million customers' heap.
     */
    private final int[] counts;
    private final int lastScore;
    private final int lastRefusal;
    private final int beforeFirstOrder;
    private final int latestDay;
    private final InteractionType latestType;
    private final int stageDay;
    private final Stage stage;
    private final int purchaseDays;
    private final int firstPurchase;
    private final int lastPurchase;
    private final double repeatValue;

    Facts(Customer customer, int asOf, int orders, int orders365, double revenue, double revenue365, int firstOrder,
            int lastOrder, int discountOrders, int promoOrders, int customOrders365, double margin365, int[] count,
            int[] count90, int lastScore, int lastRefusal, int beforeFirstOrder, int latestDay,
            InteractionType latestType, int stageDay, Stage stage, int purchaseDays, int firstPurchase, int lastPurchase,
            double repeatValue) {
        this.customer = customer;
        this.asOf = asOf;
        this.orders = orders;
        this.orders365 = orders365;
        this.revenue = revenue;
        this.revenue365 = revenue365;
        this.firstOrder = firstOrder;
        this.lastOrder = lastOrder;
        this.discountOrders = discountOrders;
        this.promoOrders = promoOrders;
        this.customOrders365 = customOrders365;
        this.margin365 = margin365;
        this.counts = sparse(count, count90);
        this.lastScore = lastScore;
        this.lastRefusal = lastRefusal;
        this.beforeFirstOrder = beforeFirstOrder;
        this.latestDay = latestDay;
        this.latestType = latestType;
        this.stageDay = stageDay;
        this.stage = stage;
        this.purchaseDays = purchaseDays;
        this.firstPurchase = firstPurchase;
        this.lastPurchase = lastPurchase;
        this.repeatValue = repeatValue;
    }

    public Customer customer() { return customer; }
    public LocalDate asOf() { return LocalDate.ofEpochDay(asOf); }
    public int orders() { return orders; }
    public int orders365() { return orders365; }
    public boolean hasOrders() { return orders > 0; }
    /** Sum of all amounts, refunds included. */
    public double revenue() { return revenue; }
    public double revenue365() { return revenue365; }
    public LocalDate firstOrder() { return day(firstOrder); }
    public LocalDate lastOrder() { return day(lastOrder); }
    /** as-of − last_order in days; null without orders. */
    public Integer recencyDays() { return lastOrder == FactsBuilder.NONE ? null : asOf - lastOrder; }
    /** as-of − first_order in days; null without orders. */
    public Integer tenureDays() { return firstOrder == FactsBuilder.NONE ? null : asOf - firstOrder; }
    public Double avgOrderValue() { return orders == 0 ? null : revenue / orders; }
    public Double discountShare() { return orders == 0 ? null : (double) discountOrders / orders; }
    public Double promoShare() { return orders == 0 ? null : (double) promoOrders / orders; }
    public int customOrders365() { return customOrders365; }
    /** Orders with a discount (the numerator of discount_share). */
    public int discountOrdersCount() { return discountOrders; }
    /** Orders on promotion (the numerator of promo_share). */
    public int promoOrdersCount() { return promoOrders; }
    /** Null when no row within 365 days has a cost. */
    public Double margin365() { return Double.isNaN(margin365) ? null : margin365; }
    public int count(InteractionType t) { return counted(t, 1); }
    public int count90(InteractionType t) { return counted(t, 2); }

    private int counted(InteractionType t, int which) {
        int o = t.ordinal();
        for (int j = 0; j < counts.length; j += 3) {
            if (counts[j] == o) {
                return counts[j + which];
            }
        }
        return 0;
    }

    private static final int[] NO_COUNTS = {};

    private static int[] sparse(int[] count, int[] count90) {
        int types = 0;
        for (int t = 0; t < count.length; t++) {
            types += count[t] != 0 || count90[t] != 0 ? 1 : 0;
        }
        if (types == 0) {
            return NO_COUNTS;
        }
        int[] s = new int[3 * types];
        int h = 1;
        for (int t = 0, j = 0; t < count.length; t++) {
            if (count[t] != 0 || count90[t] != 0) {
                s[j++] = t;
                s[j++] = count[t];
                s[j++] = count90[t];
                h = h * 961 + t * 31 + count[t] * 17 + count90[t];
            }
        }
        // Most customers share a few patterns (one e-mail, two calls …): one array each, as the last
        // customers with that pattern left it. Racy on purpose: a slot holds an immutable holder or null.
        int slot = (h ^ h >>> 16) & SHARED.length - 1;
        Shared known = SHARED[slot];
        if (known != null && java.util.Arrays.equals(known.counts(), s)) {
            return known.counts();
        }
        SHARED[slot] = new Shared(s);
        return s;
    }

    /** A shared array, published through a final field so that a thread that sees the holder sees its contents. */
    private record Shared(int[] counts) {
    }

    private static final Shared[] SHARED = new Shared[1024];
    /** Score of the latest interaction that has one; null when none has. */
    public Integer lastScore() { return lastScore < 0 ? null : lastScore; }
    /** Date of the latest refusal interaction; null when none. */
    public LocalDate lastRefusal() { return day(lastRefusal); }
    /** Interactions dated strictly before first_order; null without orders. */
    public Integer interactionsBeforeFirstOrder() { return beforeFirstOrder < 0 ? null : beforeFirstOrder; }
    /** The latest interaction after the last order (all of them without orders): its type, or null. */
    public InteractionType latestInteractionType() { return latestType; }
    public LocalDate latestInteractionDate() { return day(latestDay); }
    /** The latest stage recorded after the last order (all interactions without orders), or null. */
    public Stage pipelineStage() { return stage; }
    public LocalDate pipelineStageDate() { return day(stageDay); }

    /**
     * Purchase days: distinct dates up to the as-of date with an order row of amount ≥ 0 (a refund is no
     * purchase, a free order is one), as the repeat-buying models count purchases.
     *
     * @since 1.4
     */
    public int purchaseDays() { return purchaseDays; }
    /** @since 1.4 */
    public LocalDate firstPurchase() { return day(firstPurchase); }
    /** @since 1.4 */
    public LocalDate lastPurchase() { return day(lastPurchase); }
    /**
     * The sum of the purchase rows' amounts on every purchase day but the first (0 without a repeat day):
     * divided by {@code purchaseDays() - 1}, the mean value of a repeat purchase day.
     *
     * @since 1.4
     */
    public double repeatPurchaseValue() { return repeatValue; }

    /**
     * The repeat-buying summary in days: {@code x} = purchase days − 1, {@code tx} = last − first purchase
     * day, {@code t} = as-of − first purchase day; null without a purchase day.
     *
     * @since 1.4
     */
    public PurchaseHistory purchaseHistory() {
        return purchaseDays == 0 ? null
                : new PurchaseHistory(purchaseDays - 1, lastPurchase - firstPurchase, asOf - firstPurchase,
                        purchaseDays > 1 ? repeatValue / (purchaseDays - 1) : 0);
    }

    /**
     * What the repeat-buying models know of a customer: {@code x} repeat purchase days, the days from the
     * first purchase day to the last ({@code txDays}) and to the as-of date ({@code tDays}), and the mean
     * value of a repeat day ({@code meanRepeatValue}, 0 when x = 0).
     *
     * @since 1.4
     */
    public record PurchaseHistory(int x, int txDays, int tDays, double meanRepeatValue) {
    }

    private static LocalDate day(int d) {
        return d == FactsBuilder.NONE ? null : LocalDate.ofEpochDay(d);
    }

    /** A fact by its DESIGN.md name ({@code revenue_365}, {@code count90.ticket}, …); null when absent. */
    public Object value(String name) {
        if (name.startsWith("count90.")) {
            return InteractionType.parse(name.substring(8)).map(this::count90).orElseThrow(() -> unknown(name));
        }
        if (name.startsWith("count.")) {
            return InteractionType.parse(name.substring(6)).map(this::count).orElseThrow(() -> unknown(name));
        }
        return switch (name) {
            case "orders" -> orders;
            case "orders_365" -> orders365;
            case "revenue" -> revenue;
            case "revenue_365" -> revenue365;
            case "first_order" -> firstOrder();
            case "last_order" -> lastOrder();
            case "recency_days" -> recencyDays();
            case "tenure_days" -> tenureDays();
            case "avg_order_value" -> avgOrderValue();
            case "discount_share" -> discountShare();
            case "promo_share" -> promoShare();
            case "custom_orders_365" -> customOrders365;
            case "margin_365" -> margin365();
            case "last_score" -> lastScore();
            case "interactions_before_first_order" -> interactionsBeforeFirstOrder();
            case "purchase_days" -> purchaseDays;
            case "first_purchase" -> firstPurchase();
            case "last_purchase" -> lastPurchase();
            default -> throw unknown(name);
        };
    }

    /** A numeric fact as a double (NaN when absent), for rankings. */
    public double number(String name) {
        Object v = value(name);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown fact '" + name + "'; known facts: " + String.join(", ", NAMES));
    }
}
