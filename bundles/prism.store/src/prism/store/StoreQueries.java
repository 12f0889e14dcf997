package prism.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;
import prism.store.internal.Database;
import prism.store.internal.read.Explorer;
import prism.store.internal.read.Reads;

/**
 * The reads the workbench needs, each one SQL statement so the database does the filtering, sorting
 * and counting and the views never hold more than a page. Get one from {@link PrismStore#queries()}.
 */
public final class StoreQueries {

    private final Reads reads;
    private final Explorer explorer;
    private final prism.store.internal.read.ClassPairs pairs;

    StoreQueries(Database db) {
        this.reads = new Reads(db);
        this.explorer = new Explorer(db);
        this.pairs = new prism.store.internal.read.ClassPairs(reads, db);
    }

    /** Number of customers the query selects. */
    public long count(ExplorerQuery q) {
        return explorer.count(q);
    }

    /** One page of the query's rows, with the class of each of the query's schemes. */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit) {
        return explorer.page(q, offset, limit, -1);
    }

    /**
     * One page of the query's rows, with the class of each of the query's schemes; {@code total} is the
     * query's {@link #count} when the caller knows it (else -1). See {@link Explorer} for how each kind of
     * query is paged.
     *
     * @since 1.1
     */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit, long total) {
        return explorer.page(q, offset, limit, total);
    }

    /** A derived table of a scheme's rows in a run (see {@link Reads#rowsOf}); appends its parameters. */
    String rowsOf(int run, String scheme, List<Object> params) {
        return reads.rowsOf(run, scheme, params);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        Reads.bind(ps, params);
    }

    // ------------------------------------------------------------------ one customer

    public List<Order> orders(String customerId) {
        return reads.list("SELECT ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, DISCOUNT, PROMO, CUSTOM, COST FROM ORDERS WHERE CUSTOMER_ID = ? "
                + "ORDER BY ORDER_DATE DESC, ID DESC", ps -> ps.setString(1, customerId), rs -> {
                    double cost = rs.getDouble(8);
                    Double costValue = rs.wasNull() ? null : cost;
                    return new Order(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDouble(4),
                            rs.getDouble(5), rs.getBoolean(6), rs.getBoolean(7), costValue);
                });
    }

    public List<Interaction> interactions(String customerId) {
        return reads.list("SELECT ID, CUSTOMER_ID, IX_DATE, TYPE, SCORE, STAGE, NOTE FROM INTERACTION WHERE CUSTOMER_ID = ? "
                + "ORDER BY IX_DATE DESC, ID DESC", ps -> ps.setString(1, customerId), rs -> {
                    int score = rs.getInt(5);
                    Integer scoreValue = rs.wasNull() ? null : score;
                    String stage = rs.getString(6);
                    return new Interaction(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            InteractionType.parse(rs.getString(4)).orElseThrow(), scoreValue,
                            stage == null ? null : Stage.parse(stage).orElse(null), rs.getString(7));
                });
    }

    /** A customer's class in a scheme of a run. */
    public record Assignment(int run, LocalDate asOf, String schemeId, String classId, Double score, String explanation) {
    }

    /** Every stored class of a customer, newest run first. */
    public List<Assignment> assignments(String customerId) {
        // Each scheme of each run: the customer's own row, else (a run stored as changes) its base run's.
        record Part(LocalDate asOf, String scheme, Reads.Stored stored) {
        }
        List<Part> parts = reads.list("SELECT rs.RUN_NUM, r.AS_OF, rs.SCHEME_ID, COALESCE(rs.ROWS_TABLE, r.ROWS_TABLE), rs.ROWS_COLUMN, "
                + "rs.BASE_RUN, COALESCE(bs.ROWS_TABLE, b.ROWS_TABLE), bs.ROWS_COLUMN FROM RUN_SCHEME rs JOIN RUN r ON r.NUM = rs.RUN_NUM "
                + "LEFT JOIN RUN b ON b.NUM = rs.BASE_RUN LEFT JOIN RUN_SCHEME bs ON bs.RUN_NUM = rs.BASE_RUN AND bs.SCHEME_ID = rs.SCHEME_ID "
                + "ORDER BY rs.RUN_NUM DESC, rs.SCHEME_ID",
                ps -> { }, rs -> new Part(rs.getDate(2).toLocalDate(), rs.getString(3), reads.stored(rs, 4, rs.getInt(1), rs.getString(3))));
        List<Assignment> out = new ArrayList<>();
        for (Part p : parts) {
            Reads.Stored st = p.stored();
            List<Assignment> row = one(st.rows(), st.run(), p.asOf(), customerId);
            if (row.isEmpty() && st.base() != 0) {
                row = one(st.baseRows(), st.run(), p.asOf(), customerId);
            }
            out.addAll(row);
        }
        return out;
    }

    private List<Assignment> one(Reads.Source source, int run, LocalDate asOf, String customerId) {
        List<Object> params = new ArrayList<>();
        String where = source.rows("x", params);
        params.add(customerId);
        return reads.list("SELECT " + source.classId("x") + ", " + source.score("x") + ", " + source.explanation("x") + " FROM "
                + source.table() + " x WHERE " + where + " AND x.CUSTOMER_ID = ?", params, rs -> {
                    double score = rs.getDouble(2);
                    Double sc = rs.wasNull() ? null : score;
                    return new Assignment(run, asOf, source.scheme(), rs.getString(1), sc, text(rs, 3));
                });
    }

    /** An explanation column: UTF-8 bytes in the tables of runs since 1.1 (RUN_RESULTS_n), text in older ones. */
    public static String text(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : (String) v;
    }

    // ------------------------------------------------------------------ segments

    /** Per class of a scheme in a run: [customers, revenue up to the run's as-of date]. */
    public Map<String, double[]> classStats(int run, String scheme) {
        Map<String, double[]> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String a = reads.rowsOf(run, scheme, params);
        params.add(run);
        for (Object[] r : reads.list("SELECT a.CLASS_ID, COUNT(*), SUM(COALESCE(v.REV, 0)) FROM " + a + " a "
                + "LEFT JOIN (SELECT o.CUSTOMER_ID, SUM(o.AMOUNT) AS REV FROM ORDERS o, RUN q WHERE q.NUM = ? "
                + "AND o.ORDER_DATE <= q.AS_OF GROUP BY o.CUSTOMER_ID) v ON v.CUSTOMER_ID = a.CUSTOMER_ID "
                + "GROUP BY a.CLASS_ID", params, rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getDouble(3)})) {
            m.put((String) r[0], new double[] {(Long) r[1], (Double) r[2]});
        }
        return m;
    }

    /**
     * Counts of customers by (class in scheme A of run A, class in scheme B of run B): a cross-tab of
     * two schemes (same run) or a migration between runs (same scheme).
     */
    public Map<List<String>, Integer> pairCounts(int runA, String schemeA, int runB, String schemeB) {
        return pairCounts(runA, schemeA, runB, schemeB, new org.eclipse.core.runtime.NullProgressMonitor());
    }

    /**
     * As {@link #pairCounts(int, String, int, String)}, stopping with an
     * {@link org.eclipse.core.runtime.OperationCanceledException} soon after the monitor is cancelled.
     *
     * @since 1.4
     */
    public Map<List<String>, Integer> pairCounts(int runA, String schemeA, int runB, String schemeB,
            org.eclipse.core.runtime.IProgressMonitor monitor) {
        return pairs.counts(runA, schemeA, runB, schemeB, monitor);
    }

    /** The customers of one cell of {@link #pairCounts}: id and name, by id, at most {@code limit}. */
    public List<String[]> pairCustomers(int runA, String schemeA, String classA, int runB, String schemeB, String classB, int limit) {
        return pairCustomers(runA, schemeA, classA, runB, schemeB, classB, limit, new org.eclipse.core.runtime.NullProgressMonitor());
    }

    /**
     * As {@link #pairCustomers(int, String, String, int, String, String, int)}, cancellable.
     *
     * @since 1.4
     */
    public List<String[]> pairCustomers(int runA, String schemeA, String classA, int runB, String schemeB, String classB, int limit,
            org.eclipse.core.runtime.IProgressMonitor monitor) {
        return pairs.customers(runA, schemeA, classA, runB, schemeB, classB, limit, monitor);
    }

    /** A playbook row: a customer of a chosen class with the date of its last interaction (or null). */
    public record ActionRow(String customerId, String name, String classId, LocalDate lastContact) {
    }

    /** The customers of the given classes of a scheme in a run, with their last contact. */
    public List<ActionRow> customersOfClasses(int run, String scheme, Set<String> classes, int limit) {
        if (classes.isEmpty()) {
            return List.of();
        }
        List<String> cls = new ArrayList<>(classes);
        List<Object> params = new ArrayList<>();
        String a = reads.rowsOf(run, scheme, params);
        params.addAll(cls);
        return reads.list("SELECT c.ID, c.NAME, a.CLASS_ID, (SELECT MAX(i.IX_DATE) FROM INTERACTION i WHERE i.CUSTOMER_ID = c.ID) "
                + "FROM " + a + " a JOIN CUSTOMER c ON c.ID = a.CUSTOMER_ID "
                + "WHERE a.CLASS_ID IN (" + String.join(",", java.util.Collections.nCopies(cls.size(), "?")) + ") "
                + "ORDER BY a.CLASS_ID, c.ID FETCH FIRST " + limit + " ROWS ONLY", params, rs -> {
                    Date d = rs.getDate(4);
                    return new ActionRow(rs.getString(1), rs.getString(2), rs.getString(3), d == null ? null : d.toLocalDate());
                });
    }

    /** Customers per score of a scheme in a run (e.g. the RFM digits). */
    public Map<Double, Long> scoreCounts(int run, String scheme) {
        Map<Double, Long> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String a = reads.rowsOf(run, scheme, params);
        for (Object[] r : reads.list("SELECT a.SCORE, COUNT(*) FROM " + a + " a WHERE a.SCORE IS NOT NULL GROUP BY a.SCORE", params,
                rs -> new Object[] {rs.getDouble(1), rs.getLong(2)})) {
            m.put((Double) r[0], (Long) r[1]);
        }
        return m;
    }

    /**
     * One day's purchases: how many customers bought (an order of amount ≥ 0) and for how many of them it
     * was their first purchase day. The rest are repeat purchases, as the predictive schemes count them.
     *
     * @since 1.6
     */
    public record PurchaseDate(LocalDate date, long buyers, long firstPurchases) {
        public long repeatPurchases() {
            return buyers - firstPurchases;
        }
    }

    /** Purchases by day up to {@code asOf}, oldest first: the data of a repeat-purchase tracking chart. */
    public List<PurchaseDate> purchaseDates(LocalDate asOf) {
        Date until = Date.valueOf(asOf);
        Map<LocalDate, long[]> byDate = new java.util.TreeMap<>();
        reads.list("SELECT ORDER_DATE, COUNT(DISTINCT CUSTOMER_ID) FROM ORDERS WHERE AMOUNT >= 0 AND ORDER_DATE <= ? GROUP BY ORDER_DATE",
                ps -> ps.setDate(1, until), rs -> byDate.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new long[2])[0] = rs.getLong(2));
        reads.list("SELECT F, COUNT(*) FROM (SELECT MIN(ORDER_DATE) AS F FROM ORDERS WHERE AMOUNT >= 0 AND ORDER_DATE <= ? "
                + "GROUP BY CUSTOMER_ID) T GROUP BY F", ps -> ps.setDate(1, until),
                rs -> byDate.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new long[2])[1] = rs.getLong(2));
        List<PurchaseDate> out = new ArrayList<>(byDate.size());
        byDate.forEach((d, v) -> out.add(new PurchaseDate(d, v[0], v[1])));
        return out;
    }

    /** The customer attributes {@link #classCountsBy} groups by, as the customers file names them. */
    public static final List<String> GROUPABLE = List.of("country", "region", "city", "industry", "kind", "role", "plan");

    /**
     * Customers per (class, value of a customer attribute) of a scheme in a run: the read model any scheme
     * view draws a class-by-attribute chart or table from. Values as stored, trimmed and upper-cased ("" for
     * none); {@code attribute} is one of {@link #GROUPABLE}.
     *
     * @since 1.3
     */
    public Map<List<String>, Long> classCountsBy(int run, String scheme, String attribute) {
        if (!GROUPABLE.contains(attribute)) { // it goes into SQL text: only the columns named above
            throw new IllegalArgumentException("cannot group by " + attribute + "; expected one of " + String.join(", ", GROUPABLE));
        }
        String column = "UPPER(TRIM(COALESCE(c." + attribute.toUpperCase(java.util.Locale.ROOT) + ", '')))";
        Map<List<String>, Long> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String a = reads.rowsOf(run, scheme, params);
        for (Object[] r : reads.list("SELECT a.CLASS_ID, " + column + ", COUNT(*) FROM " + a + " a "
                + "JOIN CUSTOMER c ON c.ID = a.CUSTOMER_ID GROUP BY a.CLASS_ID, " + column, params,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})) {
            m.put(List.of((String) r[0], (String) r[1]), (Long) r[2]);
        }
        return m;
    }

    /**
     * Customers per (class, country) of a scheme in a run.
     *
     * @deprecated since 1.3: {@code classCountsBy(run, scheme, "country")}
     */
    @Deprecated(since = "1.3")
    public Map<List<String>, Long> classByCountry(int run, String scheme) {
        return classCountsBy(run, scheme, "country");
    }
}
