package prism.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Writes a realistic, seeded sample data set: customers.csv, orders.csv and interactions.csv.
 * Order counts are skewed (a few heavy buyers, many one-off ones), order dates follow a seasonal
 * curve (November and December peak), amounts are log-normal, and behaviour profiles are mixed in
 * so that every class of every card scheme occurs from a few hundred customers on. The same seed,
 * size and reference date always give the same files.
 *
 * <p>The first {@link #SHOWCASE} customers are fixed, hand-written profiles (documented in
 * README.md) whose classes can be checked by hand; the rest are random.
 */
public final class SampleGenerator {

    /** Number of fixed showcase customers at the start of customers.csv. */
    public static final int SHOWCASE = 8;

    public record Summary(int customers, long orders, long interactions) {
    }

    private static final String[] DE_REGIONS = {"Bavaria", "Bavaria", "Bavaria", "Berlin", "Hamburg", "Hesse", "Saxony",
            "North Rhine-Westphalia", "Baden-Württemberg"};
    private static final String[][] CITIES = {{"Bavaria", "Munich", "Nuremberg", "Augsburg", "Regensburg"},
            {"Berlin", "Berlin"}, {"Hamburg", "Hamburg"}, {"Hesse", "Frankfurt", "Wiesbaden", "Kassel"},
            {"Saxony", "Dresden", "Leipzig"}, {"North Rhine-Westphalia", "Cologne", "Düsseldorf", "Dortmund"},
            {"Baden-Württemberg", "Stuttgart", "Karlsruhe", "Freiburg"}};
    private static final String[] EUROPE = {"FR", "NL", "AT", "IT", "ES", "PL", "GB", "SE", "CH", "BE", "DK", "CZ", "PT", "IE"};
    private static final String[] AMERICAS = {"US", "US", "CA", "BR", "MX", "AR", "CL"};
    private static final String[] ASIA = {"JP", "CN", "IN", "SG", "KR", "AE", "TR"};
    private static final String[] AFRICA = {"ZA", "NG", "EG", "KE", "MA"};
    private static final String[] OCEANIA = {"AU", "NZ", "FJ"};
    private static final String[] BAD_COUNTRIES = {"", "", "XX", "Germany", "UK", "  ", "EU"};
    private static final String[] INDUSTRIES = {"retail", "manufacturing", "software", "health", "finance", "logistics",
            "education", "public sector", "hospitality", "construction"};
    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas",
            "Klara", "Leon", "Mia", "Noah", "Olivia", "Paul", "Rosa", "Sami", "Tara", "Yusuf", "Zoë", "Mateo", "Aiko", "Chen"};
    private static final String[] LAST = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Hoffmann", "Dubois", "Rossi", "García", "Nowak", "Smith", "Tanaka", "Li", "Okafor", "Silva", "Jensen", "O'Brien"};
    private static final String[] COMPANY = {"Alpen", "Nordlicht", "Blue River", "Kestrel", "Orion", "Vantage", "Meridian",
            "Lindenhof", "Cobalt", "Harbor", "Sonnenberg", "Pioneer", "Atlas", "Quartz", "Birke"};
    private static final String[] COMPANY_FORM = {"GmbH", "AG", "Ltd", "Inc.", "SARL", "B.V.", "& Co. KG"};
    private static final String[] SOURCES = {"web", "web", "fair", "referral", "partner", "cold call"};
    private static final String[] NOTES = {"asked about delivery times", "wants a volume price, payment terms",
            "\"urgent\" request", "follow-up on invoice", "interested in the new range", "compared us with a competitor",
            "", "", ""};
    /** Relative order volume by month, January first: a winter peak and a summer dip. */
    private static final double[] SEASON = {0.8, 0.75, 0.9, 0.95, 1.0, 0.85, 0.7, 0.75, 1.0, 1.1, 1.45, 1.7};

    private final long seed;
    private final int customers;
    private final LocalDate asOf;

    /**
     * @param asOf the reference date: the newest records are dated on it, and classifying the data as
     *             of this date shows every class
     */
    public SampleGenerator(long seed, int customers, LocalDate asOf) {
        if (customers < 0) {
            throw new IllegalArgumentException("customers must not be negative");
        }
        this.seed = seed;
        this.customers = customers;
        this.asOf = asOf;
    }

    public Summary write(Path dir, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Generating " + customers + " customers", customers);
        Files.createDirectories(dir);
        long orderSeq = 0;
        long ixSeq = 0;
        try (Writer cw = writer(dir.resolve("customers.csv"));
                Writer ow = writer(dir.resolve("orders.csv"));
                Writer iw = writer(dir.resolve("interactions.csv"))) {
            cw.write("id,name,kind,role,country,region,city,industry,plan,created,refused,source\n");
            ow.write("id,customer_id,date,amount,discount,promo,custom,cost\n");
            iw.write("id,customer_id,date,type,score,stage,note\n");
            Rows rows = new Rows();
            for (int i = 1; i <= customers; i++) {
                rows.clear();
                // One random stream per customer: the data for customer i never depends on the size.
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
                String id = String.format(Locale.ROOT, "C%07d", i);
                if (i <= SHOWCASE) {
                    showcase(i, id, rows);
                } else {
                    random(r, id, rows);
                }
                cw.write(rows.customer);
                for (String o : rows.orders) {
                    ow.write(String.format(Locale.ROOT, "O%09d,", ++orderSeq));
                    ow.write(o);
                }
                for (String x : rows.interactions) {
                    iw.write(String.format(Locale.ROOT, "I%09d,", ++ixSeq));
                    iw.write(x);
                }
                if ((i & 1023) == 0) {
                    if (sub.isCanceled()) {
                        throw new OperationCanceledException();
                    }
                    sub.worked(1024);
                }
            }
        }
        sub.done();
        return new Summary(customers, orderSeq, ixSeq);
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The rows of one customer, without their ids for orders and interactions. */
    private static final class Rows {
        String customer;
        final List<String> orders = new ArrayList<>();
        final List<String> interactions = new ArrayList<>();

        void clear() {
            orders.clear();
            interactions.clear();
        }
    }

    // ---------------------------------------------------------------- showcase

    private void showcase(int i, String id, Rows rows) {
        switch (i) {
            case 1 -> { // refused: lifecycle unprofitable; local
                rows.customer = customer(id, "Showcase Refused GmbH", "enterprise", "end", "DE", "Bavaria", "Munich",
                        "retail", "paid", asOf.minusDays(900), "true", "fair");
                order(rows, asOf.minusDays(20), 500, 0, false, false, 300.0);
            }
            case 2 -> // free plan, never bought: potential, free; Japan
                rows.customer = customer(id, "Aiko Tanaka", "individual", "end", "JP", "Kanto", "Tokyo", "", "free",
                        asOf.minusDays(30), "false", "web");
            case 3 -> { // six orders over two years, a complaint last week: angry; USA
                rows.customer = customer(id, "Showcase Angry Inc.", "enterprise", "end", "us", "CA", "San Francisco",
                        "software", "paid", asOf.minusDays(800), "false", "partner");
                for (int k = 0; k < 6; k++) {
                    order(rows, asOf.minusDays(10 + 120L * k), 800, 0, false, false, 500.0);
                }
                interaction(rows, asOf.minusDays(5), "complaint", "", "", "late delivery, damaged goods");
            }
            case 4 -> { // one order 400 days ago: lost; national
                rows.customer = customer(id, "Greta Weber", "individual", "end", "DE", "Hamburg", "Hamburg", "", "paid",
                        asOf.minusDays(500), "", "web");
                order(rows, asOf.minusDays(400), 120, 0, false, false, null);
            }
            case 5 -> { // last order 200 days ago, a quote 30 days ago unanswered: lapsing, quoted_no_feedback
                rows.customer = customer(id, "Showcase Quote SARL", "enterprise", "intermediary", "FR", "Île-de-France",
                        "Paris", "logistics", "paid", asOf.minusDays(700), "false", "fair");
                order(rows, asOf.minusDays(200), 2500, 0, false, false, 1800.0);
                interaction(rows, asOf.minusDays(30), "quote", "", "", "quote for 40 units, \"valid 30 days\"");
            }
            case 6 -> { // no ISO country; interested after a call: unknown, interested
                rows.customer = customer(id, "Showcase Nowhere Ltd", "government", "end", "XX", "", "", "public sector",
                        "paid", asOf.minusDays(60), "false", "cold call");
                interaction(rows, asOf.minusDays(12), "call", "", "interested", "wants a demo");
            }
            case 7 -> { // three tickets in 90 days: demanding; Oceania
                rows.customer = customer(id, "Showcase Demanding Pty", "enterprise", "end", "AU", "NSW", "Sydney",
                        "health", "paid", asOf.minusDays(400), "false", "partner");
                order(rows, asOf.minusDays(300), 300, 0, false, false, 200.0);
                order(rows, asOf.minusDays(45), 350, 0, false, false, 220.0);
                for (int k = 0; k < 3; k++) {
                    interaction(rows, asOf.minusDays(5 + 20L * k), "ticket", "", "", "login problem");
                }
            }
            default -> { // the biggest spender: value.tier high; lifecycle regular
                rows.customer = customer(id, "Showcase Whale AG", "enterprise", "end", "DE", "Berlin", "Berlin",
                        "finance", "paid", asOf.minusDays(1500), "false", "referral");
                for (int k = 0; k < 24; k++) {
                    order(rows, asOf.minusDays(3 + 30L * k), 250_000, 0, false, k % 6 == 0, 150_000.0);
                }
            }
        }
    }

    // ---------------------------------------------------------------- random

    private void random(SplittableRandom r, String id, Rows rows) {
        double kindRoll = r.nextDouble();
        String kind = kindRoll < 0.7 ? "individual" : kindRoll < 0.9 ? "enterprise" : "government";
        String role = r.nextDouble() < 0.85 ? "end" : "intermediary";
        String country;
        String region = "";
        String city = "";
        double geo = r.nextDouble();
        if (geo < 0.45) {
            country = "DE";
            region = pick(r, DE_REGIONS);
            for (String[] c : CITIES) {
                if (c[0].equals(region)) {
                    city = c[1 + r.nextInt(c.length - 1)];
                }
            }
            if (r.nextDouble() < 0.05) {
                region = region.toUpperCase(Locale.ROOT) + " "; // real data is messy: compared trimmed, case-blind
            }
        } else if (geo < 0.70) {
            country = pick(r, EUROPE);
        } else if (geo < 0.78) {
            country = pick(r, AMERICAS);
        } else if (geo < 0.86) {
            country = pick(r, ASIA);
        } else if (geo < 0.90) {
            country = pick(r, AFRICA);
        } else if (geo < 0.93) {
            country = pick(r, OCEANIA);
        } else {
            country = pick(r, BAD_COUNTRIES);
        }
        if (r.nextDouble() < 0.03) {
            country = country.toLowerCase(Locale.ROOT);
        }
        String name = kind.equals("individual") ? pick(r, FIRST) + " " + pick(r, LAST)
                : pick(r, COMPANY) + " " + pick(r, LAST) + " " + pick(r, COMPANY_FORM);
        String industry = kind.equals("individual") ? "" : pick(r, INDUSTRIES);
        String plan = r.nextDouble() < 0.3 ? "free" : "paid";
        String refused = r.nextDouble() < 0.015 ? "true" : r.nextDouble() < 0.5 ? "false" : "";

        // Buying profile: when the customer bought, how often, and when it stopped.
        double p = r.nextDouble();
        int spanStart; // days before asOf of the first order
        int spanEnd; // days before asOf of the last order
        int orders;
        if (p < 0.18) { // prospect
            orders = 0;
            spanStart = spanEnd = 0;
        } else if (p < 0.28) { // new: first order within 90 days
            spanStart = r.nextInt(0, 90);
            spanEnd = r.nextInt(0, spanStart + 1);
            orders = 1 + (r.nextDouble() < 0.3 ? r.nextInt(1, 3) : 0);
        } else if (p < 0.48) { // occasional
            spanStart = r.nextInt(120, 1200);
            spanEnd = r.nextInt(0, 180);
            orders = 1 + r.nextInt(3);
        } else if (p < 0.68) { // regular and loyal, skewed: a few buy very often
            spanStart = r.nextInt(200, 1800);
            spanEnd = r.nextInt(0, 60);
            orders = (int) Math.min(150, 4 + Math.round(Math.exp(r.nextGaussian() * 0.9 + 1.8)) * spanStart / 365);
        } else if (p < 0.80) { // lapsing: stopped 181–365 days ago
            spanEnd = r.nextInt(181, 366);
            spanStart = spanEnd + r.nextInt(0, 900);
            orders = r.nextDouble() < 0.3 ? 8 + r.nextInt(40) : 1 + r.nextInt(8); // some were heavy buyers
        } else { // lost: stopped more than a year ago
            spanEnd = r.nextInt(366, 1500);
            spanStart = spanEnd + r.nextInt(0, 900);
            orders = r.nextDouble() < 0.25 ? 8 + r.nextInt(40) : 1 + r.nextInt(6);
        }
        LocalDate created = asOf.minusDays(Math.max(spanStart, 0) + r.nextInt(0, 200));
        rows.customer = customer(id, name, kind, role, country, region, city, industry, plan, created, refused,
                pick(r, SOURCES));

        double discountRate = r.nextDouble() < 0.1 ? 0.8 : 0.12; // bargain hunters
        double promoRate = r.nextDouble() < 0.1 ? 0.8 : 0.1; // impulse buyers
        double basket = Math.exp(r.nextGaussian() * 0.8 + (kind.equals("individual") ? 4.3 : 6.3));
        boolean lossMaking = r.nextDouble() < 0.03;
        boolean hasCost = r.nextDouble() < 0.7;
        List<LocalDate> orderDates = new ArrayList<>(orders);
        for (int k = 0; k < orders; k++) {
            int back = k == 0 ? spanStart : k == orders - 1 ? spanEnd : seasonal(r, spanEnd, spanStart);
            orderDates.add(asOf.minusDays(back));
        }
        for (LocalDate d : orderDates) {
            double amount = round2(basket * Math.exp(r.nextGaussian() * 0.5));
            double discount = r.nextDouble() < discountRate ? round2(amount * r.nextDouble(0.05, 0.3)) : 0;
            Double cost = hasCost ? round2(amount * (lossMaking ? r.nextDouble(1.05, 1.5) : r.nextDouble(0.4, 0.85))) : null;
            order(rows, d, amount, discount, r.nextDouble() < promoRate, r.nextDouble() < 0.05, cost);
            if (r.nextDouble() < 0.03) { // a refund, a few days later
                LocalDate rd = d.plusDays(r.nextInt(1, 30));
                if (!rd.isAfter(asOf)) {
                    order(rows, rd, -round2(amount * r.nextDouble(0.2, 1.0)), 0, false, false, null);
                }
            }
        }
        LocalDate first = orderDates.isEmpty() ? null : asOf.minusDays(spanStart);
        LocalDate last = orderDates.isEmpty() ? null : asOf.minusDays(spanEnd);

        // Background contact, then behaviour profiles.
        int background = (int) Math.round(Math.abs(r.nextGaussian()) * 0.7);
        String[] neutral = {"call", "email", "email", "meeting", "visit"};
        for (int k = 0; k < background; k++) {
            interaction(rows, asOf.minusDays(r.nextInt(0, 1400)), pick(r, neutral), "", "", pick(r, NOTES));
        }
        if (r.nextDouble() < 0.25) { // a survey with a middling score
            interaction(rows, asOf.minusDays(r.nextInt(0, 600)), "survey", Integer.toString(r.nextInt(5, 9)), "", "");
        }
        double b = r.nextDouble();
        if (b < 0.04) { // angry: a recent complaint or a poor score
            if (r.nextBoolean()) {
                interaction(rows, asOf.minusDays(r.nextInt(0, 91)), "complaint", "", "", pick(r, NOTES));
            } else {
                interaction(rows, asOf, "survey", Integer.toString(r.nextInt(0, 5)), "", "");
            }
        } else if (b < 0.07) { // demanding
            for (int k = 0, n = r.nextInt(3, 6); k < n; k++) {
                interaction(rows, asOf.minusDays(r.nextInt(0, 91)), "ticket", "", "", pick(r, NOTES));
            }
        } else if (b < 0.10) { // curious
            for (int k = 0, n = r.nextInt(3, 6); k < n; k++) {
                interaction(rows, asOf.minusDays(r.nextInt(0, 91)), "question", "", "", pick(r, NOTES));
            }
        } else if (b < 0.14) { // advocate
            if (r.nextBoolean()) {
                interaction(rows, asOf.minusDays(r.nextInt(0, 700)), "referral", "", "", "");
            } else {
                interaction(rows, asOf.minusDays(r.nextInt(1, 300)), "review", "", "", "five stars");
                interaction(rows, asOf, "survey", Integer.toString(r.nextInt(9, 11)), "", "");
            }
        } else if (b < 0.16) { // an older complaint or a handful of old tickets: no longer counts
            interaction(rows, asOf.minusDays(r.nextInt(91, 800)), "complaint", "", "", "");
        }
        if (first != null && r.nextDouble() < 0.08) { // informed: research before buying
            for (int k = 0, n = r.nextInt(5, 9); k < n; k++) {
                LocalDate d = first.minusDays(r.nextInt(1, 120));
                interaction(rows, d, pick(r, new String[] {"question", "meeting", "call", "email"}), "", "",
                        "pre-sales research");
            }
        }
        // The sales pipeline since the last order.
        int sinceLast = last == null ? 1400 : (int) (asOf.toEpochDay() - last.toEpochDay());
        double s = r.nextDouble();
        if (sinceLast > 1) {
            if (s < 0.28) {
                String[] stages = {"interested", "interested", "hesitating", "not_now", "not_now", "never"};
                interaction(rows, asOf.minusDays(r.nextInt(0, sinceLast)), pick(r, new String[] {"call", "meeting", "email"}),
                        "", pick(r, stages), pick(r, NOTES));
            } else if (s < 0.38 && sinceLast > 16) {
                interaction(rows, asOf.minusDays(r.nextInt(15, sinceLast)), "quote", "", "", "quote sent");
            } else if (s < 0.41) {
                interaction(rows, asOf.minusDays(r.nextInt(0, Math.min(sinceLast, 14))), "quote", "", "", "fresh quote");
            } else if (s < 0.44) { // refused since the last order: unprofitable
                interaction(rows, asOf.minusDays(r.nextInt(0, sinceLast)), "refusal", "", "", "not interested any more");
            }
        }
    }

    /** A day count between lo and hi (days before asOf), weighted by the month's season. */
    private int seasonal(SplittableRandom r, int lo, int hi) {
        if (hi <= lo) {
            return lo;
        }
        for (int tries = 0; tries < 8; tries++) {
            int back = r.nextInt(lo, hi + 1);
            int month = asOf.minusDays(back).getMonthValue();
            if (r.nextDouble() * 1.7 < SEASON[month - 1]) {
                return back;
            }
        }
        return r.nextInt(lo, hi + 1);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String customer(String id, String name, String kind, String role, String country, String region,
            String city, String industry, String plan, LocalDate created, String refused, String source) {
        return String.join(",", id, csv(name), kind, role, csv(country), csv(region), csv(city), csv(industry), plan,
                created.toString(), refused, csv(source)) + "\n";
    }

    private static void order(Rows rows, LocalDate date, double amount, double discount, boolean promo, boolean custom,
            Double cost) {
        rows.orders.add(rows.customer.substring(0, rows.customer.indexOf(',')) + "," + date + "," + money(amount) + ","
                + money(discount) + "," + promo + "," + custom + "," + (cost == null ? "" : money(cost)) + "\n");
    }

    private static void interaction(Rows rows, LocalDate date, String type, String score, String stage, String note) {
        rows.interactions.add(rows.customer.substring(0, rows.customer.indexOf(',')) + "," + date + "," + type + ","
                + score + "," + stage + "," + csv(note) + "\n");
    }

    private static String money(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Quotes a CSV value when it needs it. */
    static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
