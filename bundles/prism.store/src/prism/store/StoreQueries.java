package prism.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;
import prism.store.internal.BulkInsert;
import prism.store.internal.ClassOrder;
import prism.store.internal.Database;
import prism.store.internal.IdSet;
import prism.store.internal.IdStreams;
import prism.store.internal.Importer;

/**
 * The reads the workbench needs, each one SQL statement so the database does the filtering, sorting
 * and counting and the views never hold more than a page. Get one from {@link PrismStore#queries()}.
 */
public final class StoreQueries {

    private final Database db;

    StoreQueries(Database db) {
        this.db = db;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ a scheme's rows in a run

    /**
     * Where one run's rows of a scheme are. Runs since 1.1 have one table a run (RUN_RESULTS_n), a row per
     * customer and, for the scheme in column k, C<i>k</i>, S<i>k</i> and E<i>k</i> (class, score, explanation
     * as UTF-8), null where the run stored no row of the scheme for the customer. Earlier runs share a table
     * among their schemes (RUN_ROWS_n, or ASSIGNMENT for the first versions), rows told apart by RUN_NUM
     * and SCHEME_ID ({@code column} 0).
     */
    record Source(String table, int column, int run, String scheme) {

        String classId(String alias) {
            return alias + (column == 0 ? ".CLASS_ID" : ".C" + column);
        }

        String score(String alias) {
            return alias + (column == 0 ? ".SCORE" : ".S" + column);
        }

        String explanation(String alias) {
            return alias + (column == 0 ? ".EXPLANATION" : ".E" + column);
        }

        /** The condition that selects the rows, its parameters appended to {@code params}. */
        String rows(String alias, List<Object> params) {
            if (column != 0) {
                return alias + ".C" + column + " IS NOT NULL";
            }
            params.add(run);
            params.add(scheme);
            return alias + ".RUN_NUM = ? AND " + alias + ".SCHEME_ID = ?";
        }
    }

    /**
     * Where a scheme's rows of a run are and, for a run stored as changes, the full run the other
     * customers' rows are read from ({@code base} 0, {@code baseRows} null when stored in full).
     */
    record Stored(int run, Source rows, int base, Source baseRows) {
    }

    /** One query for what {@link Stored} says. */
    Stored stored(int run, String scheme) {
        List<Stored> s = list("SELECT COALESCE(rs.ROWS_TABLE, r.ROWS_TABLE), rs.ROWS_COLUMN, rs.BASE_RUN, "
                + "COALESCE(bs.ROWS_TABLE, b.ROWS_TABLE), bs.ROWS_COLUMN FROM RUN r "
                + "LEFT JOIN RUN_SCHEME rs ON rs.RUN_NUM = r.NUM AND rs.SCHEME_ID = ? LEFT JOIN RUN b ON b.NUM = rs.BASE_RUN "
                + "LEFT JOIN RUN_SCHEME bs ON bs.RUN_NUM = rs.BASE_RUN AND bs.SCHEME_ID = rs.SCHEME_ID WHERE r.NUM = ?", ps -> {
                    ps.setString(1, scheme);
                    ps.setInt(2, run);
                }, rs -> stored(rs, 1, run, scheme));
        return s.isEmpty() ? new Stored(run, new Source("ASSIGNMENT", 0, run, scheme), 0, null) : s.get(0);
    }

    /** A {@link Stored} from five columns: table, column, base run, base table, base column. */
    private static Stored stored(ResultSet rs, int first, int run, String scheme) throws SQLException {
        String table = rs.getString(first);
        int column = rs.getInt(first + 1);
        int base = rs.getInt(first + 2);
        base = rs.wasNull() ? 0 : base;
        String baseTable = rs.getString(first + 3);
        int baseColumn = rs.getInt(first + 4);
        return new Stored(run, new Source(table(run, table), column, run, scheme), base,
                base == 0 ? null : new Source(table(base, baseTable), baseColumn, base, scheme));
    }

    /**
     * A run's table as RUN_SCHEME or RUN names it: RUN_RESULTS_n (1.1 on), RUN_ROWS_n (shared by its schemes),
     * or ASSIGNMENT for runs stored by the first versions.
     */
    private static String table(int run, String name) {
        if (name != null && !name.matches("(?i)RUN_(ROWS|RESULTS)_[0-9]+")) { // it goes into SQL text: only names Prism makes
            throw new StoreException("run " + run + " names an unexpected table " + name);
        }
        return name == null ? "ASSIGNMENT" : name;
    }

    /**
     * A derived table (CUSTOMER_ID, CLASS_ID, SCORE, EXPLANATION) of a scheme's rows in a run: the rows
     * stored with the run and, for a run stored as changes, its base run's rows of the other customers.
     * Appends its parameters to {@code params}.
     */
    String rowsOf(int run, String scheme, List<Object> params) {
        Stored st = stored(run, scheme);
        Source o = st.rows();
        String own = "SELECT o.CUSTOMER_ID, " + o.classId("o") + " AS CLASS_ID, " + o.score("o") + " AS SCORE, "
                + o.explanation("o") + " AS EXPLANATION FROM " + o.table() + " o WHERE " + o.rows("o", params);
        if (st.base() == 0) {
            return "(" + own + ")";
        }
        Source b = st.baseRows();
        String fromBase = " UNION ALL SELECT b.CUSTOMER_ID, " + b.classId("b") + " AS CLASS_ID, " + b.score("b") + " AS SCORE, "
                + b.explanation("b") + " AS EXPLANATION FROM " + b.table() + " b WHERE " + b.rows("b", params);
        return "(" + own + fromBase + " AND NOT EXISTS (SELECT 1 FROM " + o.table() + " d WHERE " + o.rows("d", params)
                + " AND d.CUSTOMER_ID = b.CUSTOMER_ID))";
    }

    private <T> List<T> list(String sql, List<Object> params, RowReader<T> reader) {
        return list(sql, ps -> bindAll(ps, params, 1), reader);
    }

    // ------------------------------------------------------------------ explorer

    /** The FROM and WHERE of an explorer query, with its parameters in order. */
    private record Sql(String fromWhere, List<Object> params, Map<String, String> alias) {
    }

    /**
     * Joins ASSIGNMENT only for the schemes the query filters or sorts by: counting and paging then
     * walk the customer index alone in the common case, and the classes of a page are read after.
     */
    private Sql explorerSql(ExplorerQuery q, boolean forSort) {
        StringBuilder from = new StringBuilder(" FROM CUSTOMER c");
        List<Object> params = new ArrayList<>();
        Map<String, String> alias = new LinkedHashMap<>();
        List<String> joined = new ArrayList<>();
        for (Map.Entry<String, Set<String>> f : q.classFilter().entrySet()) {
            if (q.schemes().contains(f.getKey()) && !f.getValue().isEmpty()) {
                joined.add(f.getKey());
            }
        }
        if (forSort && q.sortKey().startsWith("scheme:") && q.schemes().contains(q.sortKey().substring(7))
                && !joined.contains(q.sortKey().substring(7))) {
            joined.add(q.sortKey().substring(7));
        }
        for (String scheme : joined) {
            // Two index probes a customer for a run stored as changes: its own row, else its base run's.
            String a = "a" + alias.size();
            Stored st = stored(q.run(), scheme);
            Source o = st.rows();
            from.append(" LEFT JOIN ").append(o.table()).append(' ').append(a).append(" ON ").append(o.rows(a, params))
                    .append(" AND ").append(a).append(".CUSTOMER_ID = c.ID");
            if (st.base() == 0) {
                alias.put(scheme, o.classId(a));
            } else {
                Source b = st.baseRows();
                from.append(" LEFT JOIN ").append(b.table()).append(' ').append(a).append("b ON ").append(b.rows(a + "b", params))
                        .append(" AND ").append(a).append("b.CUSTOMER_ID = c.ID");
                alias.put(scheme, "COALESCE(" + o.classId(a) + ", " + b.classId(a + "b") + ")");
            }
        }
        List<String> where = new ArrayList<>();
        if (hasText(q)) {
            where.add(textCondition(q, params));
        }
        for (Map.Entry<String, Set<String>> f : q.classFilter().entrySet()) {
            String a = alias.get(f.getKey());
            if (a == null || f.getValue().isEmpty()) {
                continue;
            }
            where.add(a + " IN (" + String.join(",", java.util.Collections.nCopies(f.getValue().size(), "?")) + ")");
            params.addAll(f.getValue());
        }
        if (!where.isEmpty()) {
            from.append(" WHERE ").append(String.join(" AND ", where));
        }
        return new Sql(from.toString(), params, alias);
    }

    private static boolean hasText(ExplorerQuery q) {
        return q.text() != null && !q.text().isBlank();
    }

    /** The condition a customer meets when it matches the query's text (in its id or name), its parameters appended. */
    private static String textCondition(ExplorerQuery q, List<Object> params) {
        String like = "%" + q.text().trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        params.add(like);
        params.add(like);
        return "(LOWER(c.ID) LIKE ? OR LOWER(c.NAME) LIKE ?)";
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        bindAll(ps, params, 1);
    }

    private static void bindAll(PreparedStatement ps, List<Object> params, int from) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer n) {
                ps.setInt(from + i, n);
            } else {
                ps.setString(from + i, (String) p);
            }
        }
    }

    /** Number of customers the query selects. */
    public long count(ExplorerQuery q) {
        Long stored = storedCount(q);
        if (stored != null) {
            return stored;
        }
        Sql s = explorerSql(q, false);
        return list("SELECT COUNT(*)" + s.fromWhere(), ps -> bindAll(ps, s.params(), 1), rs -> rs.getLong(1)).get(0);
    }

    /** One page of the query's rows, with the class of each of the query's schemes. */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit) {
        return page(q, offset, limit, -1);
    }

    /**
     * One page of the query's rows, with the class of each of the query's schemes; {@code total} is the
     * query's {@link #count} when the caller knows it (else -1).
     *
     * <p>In id order, the common case, a deep page costs little at a million customers: the id where it
     * starts is found by skipping entries of the primary key index alone, then the page is read from
     * there; a page in descending id order is read as the matching ascending one (Derby cannot walk an
     * index backwards) when {@code total} is known.
     *
     * @since 1.1
     */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit, long total) {
        String sortScheme = q.sortKey().startsWith("scheme:") ? q.sortKey().substring(7) : null;
        List<String[]> rows;
        if (sortScheme != null && q.schemes().contains(sortScheme) && unfiltered(q)) {
            rows = byClassOrder(q.run(), sortScheme, q.ascending(), offset, limit);
        } else {
            rows = byStoredClasses(q, offset, limit);
            if (rows == null) {
                rows = byIndexedAmong(q, offset, limit);
            }
            if (rows == null) {
                rows = pageRows(q, offset, limit, total);
            }
        }
        return withClasses(q, rows);
    }

    /** The customer columns of a page's rows, sorted and filtered by the database. */
    private List<String[]> pageRows(ExplorerQuery q, long offset, int limit, long total) {
        Sql s = explorerSql(q, true);
        String order = switch (q.sortKey()) {
            case "name" -> "c.NAME";
            case "kind" -> "c.KIND";
            case "country" -> "c.COUNTRY";
            default -> q.sortKey().startsWith("scheme:") && s.alias().containsKey(q.sortKey().substring(7))
                    ? s.alias().get(q.sortKey().substring(7)) : "c.ID";
        };
        if (order.startsWith("c.") && !order.equals("c.ID")) { // read in the order of an index, made the first time it is wanted
            String column = order.substring(2);
            if (s.params().isEmpty() && s.alias().isEmpty() && nearTheStart(column, offset, limit)) {
                return firstByScan(column, q.ascending(), offset, limit, null);
            }
            db.ensureIndex("CUSTOMER_" + column);
        }
        if (!q.ascending() && total < 0 && s.params().isEmpty() && s.alias().isEmpty() && order.startsWith("c.")) {
            total = count(q); // all customers: a count of the key index, far less than sorting them all backwards
        }
        List<String[]> rows;
        boolean byKey = order.equals("c.ID"); // by id, filtered or not; by name, kind or country, all customers
        boolean byIndex = !byKey && order.startsWith("c.") && s.params().isEmpty() && s.alias().isEmpty();
        if ((byKey || byIndex) && (q.ascending() || total >= 0)) { // going down: the ascending page read backwards
            long from = offset;
            int count = limit;
            if (!q.ascending()) {
                from = Math.max(0, total - offset - limit);
                count = (int) Math.max(0, Math.min(limit, total - offset));
            }
            rows = byKey ? byId(s, from, count) : byIndexed(order, from, count);
            if (!q.ascending()) {
                java.util.Collections.reverse(rows);
            }
        } else {
            String dir = q.ascending() ? " ASC" : " DESC";
            String sql = "SELECT c.ID, c.NAME, c.KIND, c.COUNTRY" + s.fromWhere() + " ORDER BY " + order + dir
                    + (order.equals("c.ID") ? "" : ", c.ID" + dir) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            rows = list(sql, ps -> {
                bindAll(ps, s.params(), 1);
                ps.setLong(s.params().size() + 1, offset);
                ps.setInt(s.params().size() + 2, limit);
            }, StoreQueries::customerColumns);
        }
        return rows;
    }

    /**
     * A text search with no class filter, in id order, that matches at most this many customers is sorted
     * here: read in id order, a text that matches few walks the whole key index and fetches every row from
     * it (over a second at a million), where one scan of the table in its own order takes a third of that.
     * One that matches more is read in id order by the database, which soon fills a page.
     */
    private static final int FEW_MATCHES = 100_000;

    /**
     * How many customers a query's text may match for its matches to be gathered here: any number when they
     * are to be kept among class filters or walked in another order, where the database would join and sort.
     */
    private static long textCap(ExplorerQuery q, String sortKey) {
        return classFilters(q).isEmpty() && sortKey.equals("id") ? FEW_MATCHES : Long.MAX_VALUE;
    }

    /**
     * The ids of the customers the query's text matches, among {@code within} when that is not null, from
     * one scan of the table; null when there is no text, when more than {@code cap} match, or when an id
     * would not sort in Java as in the database. Held as an {@link IdSet}, a few bytes an id.
     */
    private IdSet textMatches(Connection c, ExplorerQuery q, IdSet within, long cap) throws SQLException {
        if (!db.isDerby() || !hasText(q)) {
            return null;
        }
        List<Object> params = new ArrayList<>();
        String condition = textCondition(q, params);
        IdSet.Builder ids = new IdSet.Builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.ID FROM CUSTOMER c WHERE " + condition)) {
            bindAll(ps, params, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (within == null || within.contains(id)) {
                        if (ids.size() == cap || !ClassOrder.sortsAsInDatabase(id)) {
                            return null;
                        }
                        ids.add(id);
                    }
                }
            }
        }
        return ids.build();
    }

    /** Pages within this many rows of the start (going down: of the end) are found by {@link #firstByScan}. */
    private static final int SCAN_DEPTH = 1_000;

    /**
     * Whether a page sorted by a customer column is near enough the start to be found by one scan, where the
     * column's index is not made yet: making it takes seconds at a million, so the first page a user asks for
     * does not wait for it; a page further in makes it.
     */
    private boolean nearTheStart(String column, long offset, int limit) {
        return db.isDerby() && offset + limit <= SCAN_DEPTH && !db.hasIndex("CUSTOMER_" + column);
    }

    /**
     * A page near the start of the customers (those of {@code among} when not null) sorted by a column, then
     * id, as Derby sorts them ({@link #derbyOrder}), from one scan of the table: the rows up to the page's end
     * are kept in a heap. Going down, the page is the ascending order's read backwards, as everywhere.
     */
    private List<String[]> firstByScan(String column, boolean ascending, long offset, int limit, IdSet among) {
        int at = switch (column) {
            case "NAME" -> 1;
            case "KIND" -> 2;
            default -> 3;
        };
        java.util.Comparator<String[]> up = (a, b) -> {
            int c = derbyOrder(a[at], b[at]);
            return c != 0 ? c : derbyOrder(a[0], b[0]);
        };
        java.util.Comparator<String[]> order = ascending ? up : up.reversed();
        int keep = (int) (offset + limit);
        java.util.PriorityQueue<String[]> best = new java.util.PriorityQueue<>(keep + 1, order.reversed()); // the worst kept on top
        try (Connection c = db.connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ID, NAME, KIND, COUNTRY FROM CUSTOMER")) {
            while (rs.next()) {
                String[] row = customerColumns(rs);
                if (among != null && !among.contains(row[0])) {
                    continue;
                }
                if (best.size() < keep) {
                    best.add(row);
                } else if (order.compare(row, best.peek()) < 0) {
                    best.poll();
                    best.add(row);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>(best);
        rows.sort(order);
        return offset >= rows.size() ? new ArrayList<>() : new ArrayList<>(rows.subList((int) offset, rows.size()));
    }

    /**
     * Derby's order of two values of a character column (its SQLChar.stringCompare): by UTF-16 unit, the
     * shorter as if padded with spaces (so trailing spaces make no difference), null after every value.
     */
    static int derbyOrder(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return a.charAt(i) < b.charAt(i) ? -1 : 1;
            }
        }
        String longer = a.length() > n ? a : b;
        int ifBelowSpace = longer == a ? -1 : 1;
        for (int i = n; i < longer.length(); i++) {
            if (longer.charAt(i) != ' ') {
                return longer.charAt(i) < ' ' ? ifBelowSpace : -ifBelowSpace;
            }
        }
        return 0;
    }

    /**
     * Positions [from, to) in ascending order of the page at {@code offset} of {@code n} rows: going down,
     * the matching ascending positions, read and reversed. Null when the page is empty.
     */
    private static long[] window(boolean ascending, long n, long offset, int limit) {
        long from = ascending ? offset : n - offset - limit;
        long to = Math.min(n, from + limit);
        from = Math.max(0, from);
        return to <= from ? null : new long[] {from, to};
    }

    /** The rows with the class of each of the query's schemes. */
    private List<ExplorerQuery.Row> withClasses(ExplorerQuery q, List<String[]> rows) {
        Map<String, Map<String, String>> classes = new java.util.HashMap<>();
        if (!rows.isEmpty() && !q.schemes().isEmpty() && q.run() > 0) {
            // One primary key lookup per customer and scheme: the run's own row, then the base run's for those it
            // lacks. (An IN list would not do: Derby probes an index with one only on its first column, here the run.)
            try (Connection c = db.connection()) {
                for (String scheme : q.schemes()) {
                    Stored st = stored(q.run(), scheme);
                    List<String[]> missing = lookUp(c, st.rows(), rows, classes);
                    if (st.base() != 0) {
                        lookUp(c, st.baseRows(), missing, classes);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("query failed: " + e.getMessage(), e);
            }
        }
        List<ExplorerQuery.Row> out = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            Map<String, String> byScheme = classes.getOrDefault(r[0], Map.of());
            List<String> cls = new ArrayList<>(q.schemes().size());
            for (String scheme : q.schemes()) {
                cls.add(byScheme.get(scheme));
            }
            out.add(new ExplorerQuery.Row(r[0], r[1], r[2], r[3], cls));
        }
        return out;
    }

    private static String[] customerColumns(ResultSet rs) throws SQLException {
        return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
    }

    private static boolean unfiltered(ExplorerQuery q) {
        return (q.text() == null || q.text().isBlank()) && q.classFilter().values().stream().allMatch(Set::isEmpty);
    }

    /** Serialises the making of class orders: two views asking at once make one. */
    private static final Object CLASS_ORDER_LOCK = new Object();

    /**
     * A page of all customers sorted by their class in a scheme of a run (then by id), as a range of
     * positions in that run's class order: a million customers are sorted once, not for every page.
     */
    private List<String[]> byClassOrder(int run, String scheme, boolean ascending, long offset, int limit) {
        if (db.isDerby()) {
            List<String[]> stored = byStoredClassOrder(run, scheme, ascending, offset, limit);
            if (stored != null) {
                return stored;
            }
        }
        String table = classOrder(run, scheme);
        long n = list("SELECT MAX(POS) FROM " + table, ps -> { }, rs -> rs.getLong(1) + (rs.wasNull() ? 0 : 1)).get(0); // the key's last entry
        long[] w = window(ascending, n, offset, limit);
        if (w == null) {
            return new ArrayList<>();
        }
        long lo = w[0], to = w[1];
        List<String[]> rows = new ArrayList<>(list("SELECT c.ID, c.NAME, c.KIND, c.COUNTRY FROM " + table
                + " s JOIN CUSTOMER c ON c.ID = s.CUSTOMER_ID WHERE s.POS >= ? AND s.POS < ? ORDER BY s.POS", ps -> {
                    ps.setLong(1, lo);
                    ps.setLong(2, to);
                }, StoreQueries::customerColumns));
        if (!ascending) {
            java.util.Collections.reverse(rows); // class descending, then id descending: the ascending order read backwards
        }
        return rows;
    }

    /**
     * A page from the class order stored with the run ({@link ClassOrder}), or null when it has none that
     * holds: two key lookups, then the page's customers by their key.
     */
    private List<String[]> byStoredClassOrder(int run, String scheme, boolean ascending, long offset, int limit) {
        try (Connection c = db.connection()) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, run, scheme);
            if (ranges.isEmpty()) {
                return null;
            }
            long[] w = window(ascending, ClassOrder.total(ranges.get()), offset, limit);
            return w == null ? new ArrayList<>() : customerRows(c, ClassOrder.ids(c, run, scheme, w[0], w[1]), w[1] - w[0], ascending);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * The class filters of a query, by scheme: a query with such filters is answered from the runs' stored
     * class orders, where a class is a range of customers in id order. Empty when the query has none.
     */
    private static Map<String, Set<String>> classFilters(ExplorerQuery q) {
        Map<String, Set<String>> f = new java.util.TreeMap<>(); // as explorerSql: filters of the query's schemes
        q.classFilter().forEach((scheme, classes) -> {
            if (q.schemes().contains(scheme) && !classes.isEmpty()) {
                f.put(scheme, classes);
            }
        });
        return f;
    }

    /**
     * A query's filters and sort answered from the run's stored class orders: per filtered scheme the ranges
     * of its selected classes, the customers among them its text matches (null when it has none), and the
     * ranges of every class of the scheme it is sorted by (null when by id).
     */
    private record FromOrders(Map<String, List<long[]>> selected, IdSet text, String sortScheme,
            Map<String, long[]> sortRanges) {

        /** The customers the filters select, in id order. */
        IdStreams.IdStream inIdOrder(Connection c, int run, String skip) throws SQLException {
            if (text != null) {
                return text.stream(); // within the class filters already
            }
            List<IdStreams.IdStream> each = new ArrayList<>();
            for (Map.Entry<String, List<long[]>> e : selected.entrySet()) {
                if (!e.getKey().equals(skip)) {
                    List<IdStreams.IdStream> ranges = new ArrayList<>();
                    for (long[] r : e.getValue()) {
                        ranges.add(IdStreams.range(c, run, e.getKey(), r[0], r[1]));
                    }
                    each.add(ranges.size() == 1 ? ranges.get(0) : IdStreams.merge(ranges));
                }
            }
            return each.size() == 1 ? each.get(0) : IdStreams.intersect(each);
        }

        /** The customers the filters select in the query's order: by id, or class by class of the sort scheme. */
        IdStreams.IdStream inOrder(Connection c, int run) throws SQLException {
            if (sortScheme == null) {
                return inIdOrder(c, run, null);
            }
            List<IdStreams.Opener> classes = new ArrayList<>();
            List<long[]> own = selected.get(sortScheme); // sorted by a filtered scheme: only its selected classes
            for (long[] r : own != null ? own : List.copyOf(sortRanges.values())) {
                classes.add(() -> {
                    IdStreams.IdStream cls = IdStreams.range(c, run, sortScheme, r[0], r[1]);
                    boolean others = text != null || selected.keySet().stream().anyMatch(s -> !s.equals(sortScheme));
                    return others ? IdStreams.intersect(List.of(cls, inIdOrder(c, run, sortScheme))) : cls;
                });
            }
            return IdStreams.concat(classes);
        }
    }

    /**
     * What the run's stored class orders need to answer the query; null when they do not serve it, or when
     * its text matches more than {@code cap} customers.
     */
    private FromOrders fromOrders(Connection c, ExplorerQuery q, String sortKey, long cap) throws SQLException {
        Map<String, Set<String>> filters = classFilters(q);
        String sortScheme = sortKey.startsWith("scheme:") ? sortKey.substring(7) : null;
        if (!db.isDerby() || filters.isEmpty() && !hasText(q)
                || !(sortKey.equals("id") || sortScheme != null && q.schemes().contains(sortScheme))
                || q.run() <= 0 && (!filters.isEmpty() || sortScheme != null)) { // a text alone by id needs no run
            return null;
        }
        Map<String, List<long[]>> selected = new java.util.TreeMap<>();
        for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, q.run(), f.getKey());
            if (ranges.isEmpty()) {
                return null;
            }
            List<long[]> sel = new ArrayList<>();
            ranges.get().forEach((cls, r) -> {
                if (f.getValue().contains(cls) && r[1] > r[0]) {
                    sel.add(r);
                }
            });
            selected.put(f.getKey(), sel);
        }
        Map<String, long[]> sortRanges = null;
        if (sortScheme != null && !selected.containsKey(sortScheme)) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, q.run(), sortScheme);
            if (ranges.isEmpty()) {
                return null;
            }
            sortRanges = ranges.get();
        }
        FromOrders classes = new FromOrders(selected, null, sortScheme, sortRanges);
        if (!hasText(q)) {
            return classes;
        }
        IdSet text = new IdSet.Builder().build();
        if (selected.values().stream().noneMatch(List::isEmpty)) {
            // The scan for the text keeps the customers the class filters select.
            text = textMatches(c, q, selected.isEmpty() ? null : IdSet.of(classes.inIdOrder(c, q.run(), null)), cap);
            if (text == null) {
                return null;
            }
        }
        return new FromOrders(selected, text, sortScheme, sortRanges);
    }

    /** How many customers the stored orders' filters select: their ranges' sizes for one scheme, else an intersection. */
    private static long count(Connection c, int run, FromOrders st) throws SQLException {
        if (st.text() != null) {
            return st.text().size();
        }
        if (st.selected().values().stream().anyMatch(List::isEmpty)) {
            return 0;
        }
        if (st.selected().size() == 1) {
            return st.selected().values().iterator().next().stream().mapToLong(r -> r[1] - r[0]).sum();
        }
        return IdStreams.count(st.inIdOrder(c, run, null));
    }

    /**
     * The count of a query filtered by classes or a text, from the run's stored class orders and the text's
     * matches; null when they do not serve it.
     */
    private Long storedCount(ExplorerQuery q) {
        if (!db.isDerby() || classFilters(q).isEmpty() && !hasText(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            FromOrders st = fromOrders(c, q, "id", textCap(q, "id")); // the count is the filters' whatever the sort
            return st == null ? null : count(c, q.run(), st);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * A page of a query filtered by classes and sorted by id or by a class, from the runs' stored class
     * orders; null when they do not serve it. One scheme's classes by id or by that scheme are positions of
     * its order; anything else walks the streams of ids to the page, holding a chunk of each.
     */
    private List<String[]> byStoredClasses(ExplorerQuery q, long offset, int limit) {
        if (!db.isDerby() || classFilters(q).isEmpty() && !hasText(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            FromOrders st = fromOrders(c, q, q.sortKey(), textCap(q, q.sortKey()));
            if (st == null) {
                return null;
            }
            // Going up past several schemes' filters, the walk to the page ends where they do: no count first.
            boolean walk = q.ascending() && st.text() == null && st.selected().size() > 1;
            long[] w = window(q.ascending(), walk ? Long.MAX_VALUE : count(c, q.run(), st), offset, limit);
            if (w == null) {
                return new ArrayList<>();
            }
            long from = w[0], to = w[1];
            List<String> ids = new ArrayList<>();
            String only = st.selected().size() == 1 && st.text() == null ? st.selected().keySet().iterator().next() : null;
            List<long[]> sel = only == null ? null : st.selected().get(only);
            if (only != null && (only.equals(st.sortScheme()) || st.sortScheme() == null && sel.size() == 1)) {
                long before = 0; // positions [from, to) of the ranges laid end to end
                for (long[] r : sel) {
                    long a = Math.max(from, before), b = Math.min(to, before + r[1] - r[0]);
                    if (a < b) {
                        ids.addAll(ClassOrder.ids(c, q.run(), only, r[0] + a - before, r[0] + b - before));
                    }
                    before += r[1] - r[0];
                }
            } else {
                ids = IdStreams.slice(st.inOrder(c, q.run()), from, to);
            }
            return customerRows(c, ids, walk ? ids.size() : to - from, q.ascending());
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * A page of a filtered query sorted by name, kind or country: the customers the filters select (from the
     * run's stored class orders, and the few a text matches) are held as an {@link IdSet}, and the (column,
     * id) index is walked in its order, keeping theirs, up to the page. A walk of the whole index takes a
     * fraction of a second at a million, where the database's own plan joined the run's rows to every
     * customer and sorted them (4 s). Null when the stored orders or the text's matches do not serve the query.
     */
    private List<String[]> byIndexedAmong(ExplorerQuery q, long offset, int limit) {
        String column = switch (q.sortKey()) {
            case "name" -> "NAME";
            case "kind" -> "KIND";
            case "country" -> "COUNTRY";
            default -> null;
        };
        if (column == null || !db.isDerby() || unfiltered(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            // A text alone is answered there too (it needs no run): a null is a query the stored orders cannot serve.
            FromOrders st = fromOrders(c, q, "id", Long.MAX_VALUE);
            if (st == null) {
                return null;
            }
            IdSet among = st.text() != null ? st.text() : IdSet.of(st.inIdOrder(c, q.run(), null));
            if (nearTheStart(column, offset, limit)) {
                return firstByScan(column, q.ascending(), offset, limit, among);
            }
            long[] w = window(q.ascending(), among.size(), offset, limit);
            if (w == null) {
                return new ArrayList<>();
            }
            long from = w[0], to = w[1];
            db.ensureIndex("CUSTOMER_" + column);
            List<String> ids = new ArrayList<>();
            // Derby sorts nulls last, as the explorer's other pages by this column do.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM CUSTOMER --DERBY-PROPERTIES index=CUSTOMER_"
                    + column + "\n ORDER BY " + column + ", ID")) {
                for (long pos = 0; pos < to && rs.next();) {
                    String id = rs.getString(1);
                    if (among.contains(id)) {
                        if (pos >= from) {
                            ids.add(id);
                        }
                        pos++;
                    }
                }
            }
            return customerRows(c, ids, to - from, q.ascending());
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * The customer columns of the customers with these ids, in that order (reversed going down); null when
     * some are not there (cannot be while the customers are those the run saw: the database's order then).
     */
    private static List<String[]> customerRows(Connection c, List<String> ids, long expected, boolean ascending) throws SQLException {
        if (ids.size() != expected) {
            return null; // chunks missing: the database's order then
        }
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        Map<String, String[]> byId = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, NAME, KIND, COUNTRY FROM CUSTOMER WHERE ID IN ("
                + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getString(1), customerColumns(rs));
                }
            }
        }
        List<String[]> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            String[] row = byId.get(id);
            if (row == null) {
                return null;
            }
            rows.add(row);
        }
        if (!ascending) {
            java.util.Collections.reverse(rows);
        }
        return rows;
    }

    /**
     * The table that numbers the customers of run {@code run} in the order of their class in
     * {@code scheme} (nulls last, as the database sorts them), then their id: made once, the first time
     * someone sorts by that scheme. Its name carries the import number, so customers imported later
     * are never left out; an older one for the same run and scheme is dropped. A run's classes never
     * change once stored.
     */
    private String classOrder(int run, String scheme) {
        synchronized (CLASS_ORDER_LOCK) {
            String prefix = "RUN_SORT_" + run + "_" + Integer.toHexString(scheme.hashCode()).toUpperCase(java.util.Locale.ROOT) + "_";
            try (Connection c = db.connection()) {
                String table = prefix + Importer.importSeq(c);
                List<String> old = new ArrayList<>();
                // Derby keeps names in upper case, PostgreSQL in lower case; "_" is a wildcard to getTables.
                for (String pattern : List.of(prefix, prefix.toLowerCase(java.util.Locale.ROOT))) {
                    try (ResultSet rs = c.getMetaData().getTables(null, null, pattern + "%", new String[] {"TABLE"})) {
                        while (rs.next()) {
                            String name = rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT);
                            if (name.startsWith(prefix) && !old.contains(name)) {
                                old.add(name);
                            }
                        }
                    }
                }
                if (old.remove(table)) {
                    return table;
                }
                c.setAutoCommit(false);
                try {
                    try (Statement st = c.createStatement()) {
                        for (String o : old) {
                            st.execute("DROP TABLE " + o);
                        }
                        st.execute("CREATE TABLE " + table + " " + CLASS_ORDER_COLUMNS);
                    }
                    fillClassOrder(c, table, run, scheme);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
                return table;
            } catch (SQLException e) {
                throw new StoreException("cannot sort the customers of run " + run + " by " + scheme + ": " + e.getMessage(), e);
            }
        }
    }

    private static final String CLASS_ORDER_COLUMNS = "(POS BIGINT NOT NULL PRIMARY KEY, CUSTOMER_ID VARCHAR(64) NOT NULL)";

    /** Reads the customers in class order on a connection of its own and numbers them into {@code table}. */
    private void fillClassOrder(Connection c, String table, int run, String scheme) throws SQLException {
        List<String> cols = List.of("POS", "CUSTOMER_ID");
        if (db.isDerby()) {
            BulkInsert.template(c, "RUN_SORT", CLASS_ORDER_COLUMNS); // the table function loading them all
            BulkInsert.load(c, true, table, "RUN_SORT", cols, numbered(classOrderOnDerby(run, scheme).iterator()));
            return;
        }
        Sql s = explorerSql(new ExplorerQuery(run, List.of(scheme), null, Map.of(), "scheme:" + scheme, true), true);
        String sql = "SELECT c.ID" + s.fromWhere() + " ORDER BY " + s.alias().get(scheme) + " ASC, c.ID ASC";
        try (Connection r = db.connection(); PreparedStatement ps = r.prepareStatement(sql)) {
            bindAll(ps, s.params(), 1);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                java.util.Iterator<String> ids = new java.util.Iterator<>() {
                    private Boolean more;

                    @Override
                    public boolean hasNext() {
                        if (more == null) {
                            try {
                                more = rs.next();
                            } catch (SQLException e) {
                                throw new StoreException("cannot read the class order: " + e.getMessage(), e);
                            }
                        }
                        return more;
                    }

                    @Override
                    public String next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
                        }
                        more = null;
                        try {
                            return rs.getString(1);
                        } catch (SQLException e) {
                            throw new StoreException("cannot read the class order: " + e.getMessage(), e);
                        }
                    }
                };
                BulkInsert.load(c, false, table, "RUN_SORT", cols, numbered(ids)); // a server: JDBC batches
            }
        }
    }

    /** The class order's rows: each customer id with its position, from 0. */
    private static java.util.Iterator<Object[]> numbered(java.util.Iterator<String> ids) {
        return new java.util.Iterator<>() {
            private long pos;

            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Object[] next() {
                return new Object[] {pos++, ids.next()};
            }
        };
    }

    /**
     * The customers in the order of their class in the run, nulls last, then their id, as Derby would sort
     * them (classes by code point, as UCS_BASIC does), without a join and a sort of a million rows in Derby
     * (8.8 s at a million customers): one scan of the run's classes, then one walk of the customer key in
     * order dealing each customer to its class, so each class stays in id order.
     */
    private List<String> classOrderOnDerby(int run, String scheme) throws SQLException {
        Map<String, List<String>> byClass = new java.util.HashMap<>();
        Map<String, List<String>> classOf = new java.util.HashMap<>(); // a customer id → its class's list
        List<String> none = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String rows = rowsOf(run, scheme, params);
        try (Connection r = db.connection(); PreparedStatement ps = r.prepareStatement("SELECT a.CUSTOMER_ID, a.CLASS_ID FROM " + rows + " a")) {
            bind(ps, params);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String cls = rs.getString(2);
                    if (cls != null) {
                        classOf.put(rs.getString(1), byClass.computeIfAbsent(cls, k -> new ArrayList<>()));
                    }
                }
            }
            try (PreparedStatement ids = r.prepareStatement("SELECT ID FROM CUSTOMER ORDER BY ID")) {
                ids.setFetchSize(10_000);
                try (ResultSet rs = ids.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        classOf.getOrDefault(id, none).add(id);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(classOf.size() + none.size());
        byClass.keySet().stream().sorted(StoreQueries::byCodePoint).forEach(cls -> out.addAll(byClass.get(cls)));
        out.addAll(none);
        return out;
    }

    /** Unicode code point order, as Derby's UCS_BASIC collation compares. */
    private static int byCodePoint(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i), y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * All customers' rows {@code from} to {@code from + count} in ascending order of {@code column} (NAME, KIND
     * or COUNTRY, nulls last as Derby sorts them), then id: the key where the page starts is found by skipping
     * entries of the (column, id) index alone, then the page is read from there. A deep page read with OFFSET
     * fetched every row it skipped (2 s in the middle of a million).
     */
    private List<String[]> byIndexed(String column, long from, int count) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        String select = "SELECT c.ID, c.NAME, c.KIND, c.COUNTRY FROM CUSTOMER c";
        String orderBy = " ORDER BY " + column + ", c.ID FETCH NEXT ";
        if (from == 0) {
            return new ArrayList<>(list(select + orderBy + count + " ROWS ONLY", List.of(), StoreQueries::customerColumns));
        }
        List<String[]> first = list("SELECT " + column + ", c.ID FROM CUSTOMER c ORDER BY " + column + ", c.ID OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
                ps -> ps.setLong(1, from), rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (first.isEmpty()) {
            return new ArrayList<>();
        }
        String value = first.get(0)[0], id = first.get(0)[1];
        List<String[]> rows = new ArrayList<>();
        if (value != null) { // the rest of this value from the id on, the greater values, then those without one
            // (Two ranges of the index: one condition with an OR would start at the value's first entry.)
            rows.addAll(list(select + " WHERE " + column + " = ? AND c.ID >= ?" + orderBy + count + " ROWS ONLY",
                    List.of(value, id), StoreQueries::customerColumns));
            if (rows.size() < count) {
                rows.addAll(list(select + " WHERE " + column + " > ?" + orderBy + (count - rows.size()) + " ROWS ONLY",
                        List.of(value), StoreQueries::customerColumns));
            }
            if (rows.size() < count) {
                rows.addAll(list(select + " WHERE " + column + " IS NULL" + orderBy + (count - rows.size()) + " ROWS ONLY", List.of(),
                        StoreQueries::customerColumns));
            }
        } else {
            rows.addAll(list(select + " WHERE " + column + " IS NULL AND c.ID >= ?" + orderBy + count + " ROWS ONLY", List.of(id),
                    StoreQueries::customerColumns));
        }
        return rows;
    }

    /** Rows {@code from} to {@code from + count} in ascending id order: the first id by the index alone, then a range. */
    private List<String[]> byId(Sql s, long from, int count) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        List<Object> params = new ArrayList<>(s.params());
        String where = s.fromWhere();
        if (from > 0) {
            List<String> first = list("SELECT c.ID" + s.fromWhere() + " ORDER BY c.ID OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", ps -> {
                bindAll(ps, s.params(), 1);
                ps.setLong(s.params().size() + 1, from);
            }, rs -> rs.getString(1));
            if (first.isEmpty()) {
                return new ArrayList<>();
            }
            where += (where.contains(" WHERE ") ? " AND " : " WHERE ") + "c.ID >= ?";
            params.add(first.get(0));
        }
        return new ArrayList<>(list("SELECT c.ID, c.NAME, c.KIND, c.COUNTRY" + where + " ORDER BY c.ID FETCH NEXT " + count + " ROWS ONLY",
                params, StoreQueries::customerColumns));
    }

    /** The classes of {@code rows} in a scheme of a run into {@code classes}; returns the rows it has none for. */
    private static List<String[]> lookUp(Connection c, Source source, List<String[]> rows,
            Map<String, Map<String, String>> classes) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String where = source.rows("x", params);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + source.classId("x") + " FROM " + source.table()
                + " x WHERE " + where + " AND x.CUSTOMER_ID = ?")) {
            bind(ps, params);
            for (String[] r : rows) {
                ps.setString(params.size() + 1, r[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        classes.computeIfAbsent(r[0], k -> new java.util.HashMap<>()).put(source.scheme(), rs.getString(1));
                    } else {
                        missing.add(r);
                    }
                }
            }
        }
        return missing;
    }

    // ------------------------------------------------------------------ one customer

    public List<Order> orders(String customerId) {
        return list("SELECT ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, DISCOUNT, PROMO, CUSTOM, COST FROM ORDERS WHERE CUSTOMER_ID = ? "
                + "ORDER BY ORDER_DATE DESC, ID DESC", ps -> ps.setString(1, customerId), rs -> {
                    double cost = rs.getDouble(8);
                    Double costValue = rs.wasNull() ? null : cost;
                    return new Order(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDouble(4),
                            rs.getDouble(5), rs.getBoolean(6), rs.getBoolean(7), costValue);
                });
    }

    public List<Interaction> interactions(String customerId) {
        return list("SELECT ID, CUSTOMER_ID, IX_DATE, TYPE, SCORE, STAGE, NOTE FROM INTERACTION WHERE CUSTOMER_ID = ? "
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
        record Part(LocalDate asOf, String scheme, Stored stored) {
        }
        List<Part> parts = list("SELECT rs.RUN_NUM, r.AS_OF, rs.SCHEME_ID, COALESCE(rs.ROWS_TABLE, r.ROWS_TABLE), rs.ROWS_COLUMN, "
                + "rs.BASE_RUN, COALESCE(bs.ROWS_TABLE, b.ROWS_TABLE), bs.ROWS_COLUMN FROM RUN_SCHEME rs JOIN RUN r ON r.NUM = rs.RUN_NUM "
                + "LEFT JOIN RUN b ON b.NUM = rs.BASE_RUN LEFT JOIN RUN_SCHEME bs ON bs.RUN_NUM = rs.BASE_RUN AND bs.SCHEME_ID = rs.SCHEME_ID "
                + "ORDER BY rs.RUN_NUM DESC, rs.SCHEME_ID",
                ps -> { }, rs -> new Part(rs.getDate(2).toLocalDate(), rs.getString(3), stored(rs, 4, rs.getInt(1), rs.getString(3))));
        List<Assignment> out = new ArrayList<>();
        for (Part p : parts) {
            Stored st = p.stored();
            List<Assignment> row = one(st.rows(), st.run(), p.asOf(), customerId);
            if (row.isEmpty() && st.base() != 0) {
                row = one(st.baseRows(), st.run(), p.asOf(), customerId);
            }
            out.addAll(row);
        }
        return out;
    }

    private List<Assignment> one(Source source, int run, LocalDate asOf, String customerId) {
        List<Object> params = new ArrayList<>();
        String where = source.rows("x", params);
        params.add(customerId);
        return list("SELECT " + source.classId("x") + ", " + source.score("x") + ", " + source.explanation("x") + " FROM "
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
        String a = rowsOf(run, scheme, params);
        params.add(run);
        for (Object[] r : list("SELECT a.CLASS_ID, COUNT(*), SUM(COALESCE(v.REV, 0)) FROM " + a + " a "
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
        Map<List<String>, Integer> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String x = rowsOf(runA, schemeA, params);
        String y = rowsOf(runB, schemeB, params);
        for (Object[] r : list("SELECT x.CLASS_ID, y.CLASS_ID, COUNT(*) FROM " + x + " x JOIN " + y + " y "
                + "ON y.CUSTOMER_ID = x.CUSTOMER_ID GROUP BY x.CLASS_ID, y.CLASS_ID", params,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})) {
            m.put(List.of((String) r[0], (String) r[1]), (Integer) r[2]);
        }
        return m;
    }

    /** The customers of one cell of {@link #pairCounts}: id and name, at most {@code limit}. */
    public List<String[]> pairCustomers(int runA, String schemeA, String classA, int runB, String schemeB, String classB, int limit) {
        List<Object> params = new ArrayList<>();
        String x = rowsOf(runA, schemeA, params);
        String y = rowsOf(runB, schemeB, params);
        params.add(classA);
        params.add(classB);
        return list("SELECT c.ID, c.NAME FROM " + x + " x JOIN " + y + " y ON y.CUSTOMER_ID = x.CUSTOMER_ID "
                + "JOIN CUSTOMER c ON c.ID = x.CUSTOMER_ID WHERE x.CLASS_ID = ? AND y.CLASS_ID = ? ORDER BY c.ID FETCH FIRST "
                + limit + " ROWS ONLY", params, rs -> new String[] {rs.getString(1), rs.getString(2)});
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
        String a = rowsOf(run, scheme, params);
        params.addAll(cls);
        return list("SELECT c.ID, c.NAME, a.CLASS_ID, (SELECT MAX(i.IX_DATE) FROM INTERACTION i WHERE i.CUSTOMER_ID = c.ID) "
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
        String a = rowsOf(run, scheme, params);
        for (Object[] r : list("SELECT a.SCORE, COUNT(*) FROM " + a + " a WHERE a.SCORE IS NOT NULL GROUP BY a.SCORE", params,
                rs -> new Object[] {rs.getDouble(1), rs.getLong(2)})) {
            m.put((Double) r[0], (Long) r[1]);
        }
        return m;
    }

    /** Customers per (class, country as stored, trimmed and upper-cased) of a scheme in a run. */
    public Map<List<String>, Long> classByCountry(int run, String scheme) {
        Map<List<String>, Long> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String a = rowsOf(run, scheme, params);
        for (Object[] r : list("SELECT a.CLASS_ID, UPPER(TRIM(COALESCE(c.COUNTRY, ''))), COUNT(*) FROM " + a + " a "
                + "JOIN CUSTOMER c ON c.ID = a.CUSTOMER_ID GROUP BY a.CLASS_ID, UPPER(TRIM(COALESCE(c.COUNTRY, '')))", params,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})) {
            m.put(List.of((String) r[0], (String) r[1]), (Long) r[2]);
        }
        return m;
    }
}
