package prism.core.internal;

import prism.core.facts.Facts;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

/**
 * The engine's way to make {@link Facts} from their stored parts (facts caches, column snapshots) without
 * a public constructor in the ISV API: {@code Facts} installs the one implementation when its class is
 * initialised. Friends only.
 */
public abstract class FactsAccess {

    /** The day an absent date is stored as. */
    public static final int NONE = Integer.MIN_VALUE;

    private static volatile FactsAccess instance;

    protected FactsAccess() {
    }

    /** Called once, by {@code Facts}'s static initialiser. */
    public static void install(FactsAccess access) {
        instance = access;
    }

    public static FactsAccess get() {
        FactsAccess a = instance;
        if (a == null) {
            Facts.NAMES.size(); // initialises Facts, which installs the implementation
            a = instance;
        }
        return a;
    }

    /** Facts without purchase days (as stored before 1.1): none of the repeat-buying facts. */
    public abstract Facts facts(Customer customer, int asOf, int orders, int orders365, double revenue, double revenue365,
            int firstOrder, int lastOrder, int discountOrders, int promoOrders, int customOrders365, double margin365,
            int[] count, int[] count90, int lastScore, int lastRefusal, int beforeFirstOrder, int latestDay,
            InteractionType latestType, int stageDay, Stage stage);

    /**
     * Facts as {@code Facts}' own constructor takes them (days as epoch days, {@link #NONE} when absent).
     * Not abstract only so that the friends' API grows compatibly; {@code Facts} implements it.
     *
     * @since 1.1
     */
    public Facts facts(Customer customer, int asOf, int orders, int orders365, double revenue, double revenue365,
            int firstOrder, int lastOrder, int discountOrders, int promoOrders, int customOrders365, double margin365,
            int[] count, int[] count90, int lastScore, int lastRefusal, int beforeFirstOrder, int latestDay,
            InteractionType latestType, int stageDay, Stage stage, int purchaseDays, int firstPurchase, int lastPurchase,
            double repeatValue) {
        throw new UnsupportedOperationException();
    }
}
