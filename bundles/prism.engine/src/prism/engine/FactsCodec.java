package prism.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import prism.core.facts.Facts;
import prism.core.internal.FactsAccess;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

/** Writes and reads one customer's facts (with the customer) in a compact binary form, for facts caches. */
public final class FactsCodec {

    private static final int TYPES = InteractionType.values().length;

    private FactsCodec() {
    }

    public static void write(DataOutput out, Facts f) throws IOException {
        Customer c = f.customer();
        str(out, c.id());
        str(out, c.name());
        str(out, c.kind());
        str(out, c.role());
        str(out, c.country());
        str(out, c.region());
        str(out, c.city());
        str(out, c.industry());
        str(out, c.plan());
        out.writeInt(c.created() == null ? FactsAccess.NONE : (int) c.created().toEpochDay());
        out.writeByte(c.refused() == null ? 2 : c.refused() ? 1 : 0);
        out.writeInt(c.attributes().size());
        for (Map.Entry<String, String> e : c.attributes().entrySet()) {
            str(out, e.getKey());
            str(out, e.getValue());
        }
        out.writeInt((int) f.asOf().toEpochDay());
        out.writeInt(f.orders());
        out.writeInt(f.orders365());
        out.writeDouble(f.revenue());
        out.writeDouble(f.revenue365());
        out.writeInt(day(f.firstOrder()));
        out.writeInt(day(f.lastOrder()));
        out.writeInt(f.discountOrdersCount());
        out.writeInt(f.promoOrdersCount());
        out.writeInt(f.customOrders365());
        out.writeDouble(f.margin365() == null ? Double.NaN : f.margin365());
        for (InteractionType t : InteractionType.values()) {
            out.writeInt(f.count(t));
            out.writeInt(f.count90(t));
        }
        out.writeInt(f.lastScore() == null ? -1 : f.lastScore());
        out.writeInt(day(f.lastRefusal()));
        out.writeInt(f.interactionsBeforeFirstOrder() == null ? -1 : f.interactionsBeforeFirstOrder());
        out.writeInt(day(f.latestInteractionDate()));
        out.writeByte(f.latestInteractionType() == null ? -1 : f.latestInteractionType().ordinal());
        out.writeInt(day(f.pipelineStageDate()));
        out.writeByte(f.pipelineStage() == null ? -1 : f.pipelineStage().ordinal());
        out.writeInt(f.purchaseDays());
        out.writeInt(day(f.firstPurchase()));
        out.writeInt(day(f.lastPurchase()));
        out.writeDouble(f.repeatPurchaseValue());
    }

    public static Facts read(DataInput in) throws IOException {
        return read(in, new Pool());
    }

    /** As {@link #read(DataInput)}, sharing repeated texts through {@code pool}: see {@link Pool}. */
    public static Facts read(DataInput in, Pool pool) throws IOException {
        String id = rstr(in);
        String name = rstr(in);
        String kind = pool.of(rstr(in));
        String role = pool.of(rstr(in));
        String country = pool.of(rstr(in));
        String region = pool.of(rstr(in));
        String city = pool.of(rstr(in));
        String industry = pool.of(rstr(in));
        String plan = pool.of(rstr(in));
        int created = in.readInt();
        byte refused = in.readByte();
        int n = in.readInt();
        Map<String, String> attrs;
        if (n <= 1) { // immutable already, so the customer does not copy it
            attrs = n == 0 ? Map.of() : pool.single(pool.of(rstr(in)), pool.of(rstr(in)));
        } else {
            attrs = new HashMap<>();
            for (int i = 0; i < n; i++) {
                attrs.put(pool.of(rstr(in)), pool.of(rstr(in)));
            }
        }
        Customer c = new Customer(id, name, kind, role, country, region, city, industry, plan,
                created == FactsAccess.NONE ? null : pool.day(created), refused == 2 ? null : refused == 1, attrs);
        int asOf = in.readInt();
        int orders = in.readInt();
        int orders365 = in.readInt();
        double revenue = in.readDouble();
        double revenue365 = in.readDouble();
        int first = in.readInt();
        int last = in.readInt();
        int discount = in.readInt();
        int promo = in.readInt();
        int custom = in.readInt();
        double margin = in.readDouble();
        int[] count = new int[TYPES];
        int[] count90 = new int[TYPES];
        for (int t = 0; t < TYPES; t++) {
            count[t] = in.readInt();
            count90[t] = in.readInt();
        }
        int score = in.readInt();
        int refusal = in.readInt();
        int before = in.readInt();
        int latestDay = in.readInt();
        byte latestType = in.readByte();
        int stageDay = in.readInt();
        byte stage = in.readByte();
        int purchaseDays = in.readInt();
        int firstPurchase = in.readInt();
        int lastPurchase = in.readInt();
        double repeatValue = in.readDouble();
        return FactsAccess.get().facts(c, asOf, orders, orders365, revenue, revenue365, first, last, discount, promo, custom, margin, count,
                count90, score, refusal, before, latestDay, latestType < 0 ? null : InteractionType.values()[latestType], stageDay,
                stage < 0 ? null : Stage.values()[stage], purchaseDays, firstPurchase, lastPurchase, repeatValue);
    }

    private static int day(LocalDate d) {
        return d == null ? FactsAccess.NONE : (int) d.toEpochDay();
    }

    private static void str(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String rstr(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /**
     * One copy of each repeated text: a million customers share a few hundred kinds, countries, cities
     * and plans, and as separate strings they took a third of the facts' memory. Holds at most 65,536
     * texts, so unique ones (names) cannot make it grow without bound. Not thread-safe: one per thread.
     */
    public static final class Pool {
        private final Map<String, String> texts = new HashMap<>();

        /** The pooled copy of {@code s} (null for null). */
        public String of(String s) {
            if (s == null) {
                return null;
            }
            String c = texts.get(s);
            if (c != null) {
                return c;
            }
            if (texts.size() < 65_536) {
                texts.put(s, s);
            }
            return s;
        }

        private final Object[] singles = new Object[3 * 256];

        /**
         * The pooled one-entry map of a name and value this pool gave: most customers have one custom
         * attribute whose value a few hundred thousand of them share.
         *
         * @since 1.2
         */
        @SuppressWarnings("unchecked")
        public Map<String, String> single(String name, String value) {
            int slot = 3 * ((System.identityHashCode(name) * 31 + System.identityHashCode(value)) & 255);
            if (singles[slot] == name && singles[slot + 1] == value) {
                return (Map<String, String>) singles[slot + 2];
            }
            Map<String, String> m = Map.of(name, value);
            singles[slot] = name;
            singles[slot + 1] = value;
            singles[slot + 2] = m;
            return m;
        }

        private final LocalDate[] dates = new LocalDate[1 << 14];

        /**
         * The pooled date of an epoch day: customers' creation dates repeat, and a LocalDate each was
         * 24 MB at a million customers.
         *
         * @since 1.2
         */
        public LocalDate day(int epochDay) {
            int slot = epochDay & dates.length - 1;
            LocalDate d = dates[slot];
            if (d == null || d.toEpochDay() != epochDay) {
                dates[slot] = d = LocalDate.ofEpochDay(epochDay);
            }
            return d;
        }
    }
}
