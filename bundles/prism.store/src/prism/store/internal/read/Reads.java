package prism.store.internal.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import prism.store.ExplorerQuery;
import prism.store.StoreException;
import prism.store.internal.Database;

/**
 * What every read of the stored runs needs: the database, one statement to a list of rows, where a
 * scheme's rows of a run are (its own table and column, and the base run of a run stored as changes),
 * and the small pure helpers the explorer's paging strategies share.
 */
public class Reads {

    protected final Database db;

    public Reads(Database db) {
        this.db = db;
    }

    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(String sql, Binder binder, RowReader<T> reader) {
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
    public record Source(String table, int column, int run, String scheme) {

        public String classId(String alias) {
            return alias + (column == 0 ? ".CLASS_ID" : ".C" + column);
        }

        public String score(String alias) {
            return alias + (column == 0 ? ".SCORE" : ".S" + column);
        }

        public String explanation(String alias) {
            return alias + (column == 0 ? ".EXPLANATION" : ".E" + column);
        }

        /** The condition that selects the rows, its parameters appended to {@code params}. */
        public String rows(String alias, List<Object> params) {
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
    public record Stored(int run, Source rows, int base, Source baseRows) {
    }

    /** One query for what {@link Stored} says. */
    public Stored stored(int run, String scheme) {
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
    public static Stored stored(ResultSet rs, int first, int run, String scheme) throws SQLException {
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
    public static String table(int run, String name) {
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
    public String rowsOf(int run, String scheme, List<Object> params) {
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

    public <T> List<T> list(String sql, List<Object> params, RowReader<T> reader) {
        return list(sql, ps -> bindAll(ps, params, 1), reader);
    }

    public static boolean hasText(ExplorerQuery q) {
        return q.text() != null && !q.text().isBlank();
    }

    /** The condition a customer meets when it matches the query's text (in its id or name), its parameters appended. */
    public static String textCondition(ExplorerQuery q, List<Object> params) {
        String like = "%" + q.text().trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        params.add(like);
        params.add(like);
        return "(LOWER(c.ID) LIKE ? OR LOWER(c.NAME) LIKE ?)";
    }

    public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        bindAll(ps, params, 1);
    }

    public static void bindAll(PreparedStatement ps, List<Object> params, int from) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer n) {
                ps.setInt(from + i, n);
            } else if (p instanceof Double d) {
                ps.setDouble(from + i, d);
            } else {
                ps.setString(from + i, (String) p);
            }
        }
    }

    /**
     * Derby's order of two values of a character column (its SQLChar.stringCompare): by UTF-16 unit, the
     * shorter as if padded with spaces (so trailing spaces make no difference), null after every value.
     */
    public static int derbyOrder(String a, String b) {
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
    public static long[] window(boolean ascending, long n, long offset, int limit) {
        long from = ascending ? offset : n - offset - limit;
        long to = Math.min(n, from + limit);
        from = Math.max(0, from);
        return to <= from ? null : new long[] {from, to};
    }

    public static String[] customerColumns(ResultSet rs) throws SQLException {
        return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
    }

    public static boolean unfiltered(ExplorerQuery q) {
        return (q.text() == null || q.text().isBlank()) && q.classFilter().values().stream().allMatch(Set::isEmpty)
                && q.scoreFilter().isEmpty();
    }

    /**
     * The customer columns of the customers with these ids, in that order (reversed going down); null when
     * some are not there (cannot be while the customers are those the run saw: the database's order then).
     */
    public static List<String[]> customerRows(Connection c, List<String> ids, long expected, boolean ascending) throws SQLException {
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

    /** The FROM and WHERE of an explorer query, with its parameters in order. */
    public record Sql(String fromWhere, List<Object> params, Map<String, String> alias) {
    }

    /**
     * Joins ASSIGNMENT only for the schemes the query filters or sorts by: counting and paging then
     * walk the customer index alone in the common case, and the classes of a page are read after.
     */
    public Sql explorerSql(ExplorerQuery q, boolean forSort) {
        StringBuilder from = new StringBuilder(" FROM CUSTOMER c");
        List<Object> params = new ArrayList<>();
        Map<String, String> alias = new LinkedHashMap<>();
        List<String> joined = new ArrayList<>();
        for (Map.Entry<String, Set<String>> f : q.classFilter().entrySet()) {
            if (q.schemes().contains(f.getKey()) && !f.getValue().isEmpty()) {
                joined.add(f.getKey());
            }
        }
        for (String scheme : q.scoreFilter().keySet()) {
            if (q.schemes().contains(scheme) && !joined.contains(scheme)) {
                joined.add(scheme);
            }
        }
        Map<String, String> score = new LinkedHashMap<>();
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
                score.put(scheme, o.score(a));
            } else {
                Source b = st.baseRows();
                from.append(" LEFT JOIN ").append(b.table()).append(' ').append(a).append("b ON ").append(b.rows(a + "b", params))
                        .append(" AND ").append(a).append("b.CUSTOMER_ID = c.ID");
                alias.put(scheme, "COALESCE(" + o.classId(a) + ", " + b.classId(a + "b") + ")");
                // The score of the row the class came from: a customer's own row, else the base run's.
                score.put(scheme, "CASE WHEN " + o.classId(a) + " IS NOT NULL THEN " + o.score(a) + " ELSE " + b.score(a + "b") + " END");
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
        for (Map.Entry<String, ExplorerQuery.ScoreRange> f : q.scoreFilter().entrySet()) {
            String sc = score.get(f.getKey());
            if (sc != null) {
                where.add(sc + " >= ? AND " + sc + " < ?");
                params.add(f.getValue().min());
                params.add(f.getValue().max());
            }
        }
        if (!where.isEmpty()) {
            from.append(" WHERE ").append(String.join(" AND ", where));
        }
        return new Sql(from.toString(), params, alias);
    }

}
