package prism.core.facts;

import java.time.LocalDate;

import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;

/**
 * Accumulates one customer's facts for an as-of date. Feed every order first, then every
 * interaction (interactions_before_first_order and the sales pipeline look at the order dates),
 * then call {@link #build()}. Records dated after the as-of date are ignored. Not thread-safe: one
 * builder per customer.
 *
 * <p>"Latest" ties (two interactions on the same day) are broken by the greater id, so a run is
 * deterministic whatever order the rows arrive in.
 */
public final class FactsBuilder {

    static final int NONE = Integer.MIN_VALUE;
    private static final int TYPES = InteractionType.values().length;

    private final Customer customer;
    private final int asOf;

    private int orders;
    private int orders365;
    // Money is summed exactly in units of 1/10,000 so that a customer's facts never depend on the
    // order its rows arrive in (a database scan, an index, a column snapshot).
    private static final double UNIT = 10_000;
    private long revenue;
    private long revenue365;
    private int firstOrder = NONE;
    private int lastOrder = NONE;
    private int discountOrders;
    private int promoOrders;
    private int customOrders365;
    private long margin365;
    private boolean hasMargin;
    // Purchase days (order rows of amount >= 0), for the repeat-buying models: the distinct days seen so
    // far (sorted and merged in build() when rows arrive out of date order), the first day and its sum.
    private int[] purchaseDay;
    private int purchaseRows;
    private boolean purchasesInOrder = true;
    private long purchaseUnits;
    private int firstPurchase = NONE;
    private long firstPurchaseUnits;

    private boolean interactionsStarted;
    private final int[] count = new int[TYPES];
    private final int[] count90 = new int[TYPES];
    private int scoreDay = NONE;
    private String scoreId;
    private int score;
    private int lastRefusal = NONE;
    private int beforeFirstOrder;
    // Interactions after the last order: the latest one, and the latest one that has a stage.
    private int latestDay = NONE;
    private String latestId;
    private InteractionType latestType;
    private int stageDay = NONE;
    private String stageId;
    private Stage stage;

    public FactsBuilder(Customer customer, LocalDate asOf) {
        this.customer = customer;
        this.asOf = (int) asOf.toEpochDay();
    }

    public Customer customer() {
        return customer;
    }

    public void order(Order o) {
        order((int) o.date().toEpochDay(), o.amount(), o.discount(), o.promo(), o.custom(),
                o.cost() == null ? Double.NaN : o.cost());
    }

    /**
     * Adds an order row by its parts ({@code cost} NaN when absent); the primitive form lets bulk
     * readers skip building {@link Order} objects.
     */
    public void order(int day, double amount, double discount, boolean promo, boolean custom, double cost) {
        if (interactionsStarted) {
            throw new IllegalStateException("orders must be added before interactions");
        }
        int age = asOf - day;
        if (age < 0) {
            return; // after the as-of date
        }
        boolean within365 = age <= 365;
        long units = units(amount);
        try { // exact sums: an overflow is an error naming the customer, never a wrapped revenue
            revenue = Math.addExact(revenue, units);
            if (within365) {
                revenue365 = Math.addExact(revenue365, units);
                if (!Double.isNaN(cost)) {
                    margin365 = Math.addExact(margin365, Math.subtractExact(units, units(cost)));
                    hasMargin = true;
                }
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException("the amounts of customer " + customer.id()
                    + " add up to more than Prism sums exactly (about 9 × 10^14)");
        }
        if (amount >= 0) {
            purchase(day, units);
        }
        if (amount > 0) {
            orders++;
            if (within365) {
                orders365++;
                if (custom) {
                    customOrders365++;
                }
            }
            if (discount > 0) {
                discountOrders++;
            }
            if (promo) {
                promoOrders++;
            }
            // Without branches: whether an order is a customer's earliest depends on the file's order, so
            // a branch here is taken rarely and unpredictably, which costs a recompilation in a new process.
            firstOrder = Math.min(firstOrder == NONE ? Integer.MAX_VALUE : firstOrder, day);
            lastOrder = Math.max(lastOrder, day); // NONE is the least int
        }
    }

    private void purchase(int day, long units) {
        purchaseUnits += units; // no overflow: bounded by revenue's exact sum of the same rows
        if (firstPurchase == NONE || day < firstPurchase) {
            firstPurchase = day;
            firstPurchaseUnits = units;
        } else if (day == firstPurchase) {
            firstPurchaseUnits += units;
        }
        if (purchaseRows > 0) {
            int prev = purchaseDay[purchaseRows - 1];
            if (prev == day) {
                return; // the same day as the row before: most rows of a day come together
            }
            purchasesInOrder &= day > prev;
            if (purchaseRows == purchaseDay.length) {
                purchaseDay = java.util.Arrays.copyOf(purchaseDay, purchaseRows * 2);
            }
        } else {
            purchaseDay = new int[8];
        }
        purchaseDay[purchaseRows++] = day;
    }

    /** The number of distinct purchase days. */
    private int purchaseDays() {
        if (purchasesInOrder || purchaseRows < 2) {
            return purchaseRows;
        }
        java.util.Arrays.sort(purchaseDay, 0, purchaseRows);
        int distinct = 1;
        for (int i = 1; i < purchaseRows; i++) {
            distinct += purchaseDay[i] != purchaseDay[i - 1] ? 1 : 0;
        }
        return distinct;
    }

    private int lastPurchase() {
        int last = NONE;
        for (int i = 0; i < purchaseRows; i++) {
            last = Math.max(last, purchaseDay[i]);
        }
        return last;
    }

    /** An amount in 1/10,000ths; an amount beyond what a long holds so is an error, never a clamped value. */
    private long units(double amount) {
        double u = amount * UNIT;
        if (!(Math.abs(u) < 9.2e18)) {
            throw new ArithmeticException("customer " + customer.id() + " has an amount of " + amount
                    + ", more than Prism sums exactly");
        }
        return Math.round(u);
    }

    public void interaction(Interaction i) {
        interaction(i.id(), (int) i.date().toEpochDay(), i.type(), i.score() == null ? -1 : i.score(), i.stage());
    }

    /** Adds an interaction by its parts ({@code score} -1 when absent, {@code stage} null when absent). */
    public void interaction(String id, int day, InteractionType type, int score, Stage stage) {
        interactionsStarted = true;
        int age = asOf - day;
        if (age < 0) {
            return;
        }
        int t = type.ordinal();
        count[t]++;
        if (age <= 90) {
            count90[t]++;
        }
        if (score >= 0 && later(day, id, scoreDay, scoreId)) {
            scoreDay = day;
            scoreId = id;
            this.score = score;
        }
        if (type == InteractionType.REFUSAL && day > lastRefusal) {
            lastRefusal = day;
        }
        if (firstOrder != NONE && day < firstOrder) {
            beforeFirstOrder++;
        }
        if (lastOrder == NONE || day > lastOrder) {
            if (later(day, id, latestDay, latestId)) {
                latestDay = day;
                latestId = id;
                latestType = type;
            }
            if (stage != null && later(day, id, stageDay, stageId)) {
                stageDay = day;
                stageId = id;
                this.stage = stage;
            }
        }
    }

    /**
     * Adds an interaction of a customer whose interactions arrive sorted by (date, id), as a column
     * snapshot stores them: of two on the same day, the later call is the later interaction.
     *
     * @since 1.1
     */
    public void interactionInOrder(int day, InteractionType type, int score, Stage stage) {
        interaction(null, day, type, score, stage);
    }

    private static boolean later(int day, String id, int bestDay, String bestId) {
        // A null id comes from interactionInOrder: rows arrive sorted, so the same day's later row wins.
        return bestDay == NONE || day > bestDay || (day == bestDay && (id == null || bestId == null || id.compareTo(bestId) > 0));
    }

    public Facts build() {
        return new Facts(customer, asOf, orders, orders365, revenue / UNIT, revenue365 / UNIT, firstOrder, lastOrder,
                discountOrders, promoOrders, customOrders365, hasMargin ? margin365 / UNIT : Double.NaN,
                count, count90, scoreDay == NONE ? -1 : score, lastRefusal,
                firstOrder == NONE ? -1 : beforeFirstOrder, latestDay, latestType, stageDay, stage,
                purchaseDays(), firstPurchase, lastPurchase(), (purchaseUnits - firstPurchaseUnits) / UNIT);
    }
}
