package prism.store.internal.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import prism.store.ExplorerQuery;
import prism.store.StoreException;
import prism.store.internal.BulkInsert;
import prism.store.internal.ClassOrder;
import prism.store.internal.Database;
import prism.store.internal.Importer;

/** Pages of all customers in the order of their class in a run: from the order stored with the run, or one made once. */
final class ClassOrderPages extends Reads {

    ClassOrderPages(Database db) {
        super(db);
    }

    /** Serialises the making of class orders: two views asking at once make one. */
    static final Object CLASS_ORDER_LOCK = new Object();

    /**
     * A page of all customers sorted by their class in a scheme of a run (then by id), as a range of
     * positions in that run's class order: a million customers are sorted once, not for every page.
     */
    List<String[]> byClassOrder(int run, String scheme, boolean ascending, long offset, int limit) {
        return byClassOrder(run, scheme, ClassRank.CODE_POINT, ascending, offset, limit);
    }

    /** As {@link #byClassOrder(int, String, boolean, long, int)}, the classes in {@code rank}'s order. */
    List<String[]> byClassOrder(int run, String scheme, ClassRank rank, boolean ascending, long offset, int limit) {
        if (db.isDerby()) {
            List<String[]> stored = byStoredClassOrder(run, scheme, rank, ascending, offset, limit);
            if (stored != null) {
                return stored;
            }
        }
        String table = classOrder(run, scheme, rank);
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
                }, Reads::customerColumns));
        if (!ascending) {
            java.util.Collections.reverse(rows); // class descending, then id descending: the ascending order read backwards
        }
        return rows;
    }

    /**
     * A page from the class order stored with the run ({@link ClassOrder}), or null when it has none that
     * holds: two key lookups, then the page's customers by their key.
     */
    List<String[]> byStoredClassOrder(int run, String scheme, boolean ascending, long offset, int limit) {
        return byStoredClassOrder(run, scheme, ClassRank.CODE_POINT, ascending, offset, limit);
    }

    /** As {@link #byStoredClassOrder(int, String, boolean, long, int)}, the stored classes read in {@code rank}'s order. */
    List<String[]> byStoredClassOrder(int run, String scheme, ClassRank rank, boolean ascending, long offset, int limit) {
        try (Connection c = db.connection()) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, run, scheme);
            if (ranges.isEmpty()) {
                return null;
            }
            long[] w = window(ascending, ClassOrder.total(ranges.get()), offset, limit);
            if (w == null) {
                return new ArrayList<>();
            }
            if (rank.byCodePoint()) {
                return customerRows(c, ClassOrder.ids(c, run, scheme, w[0], w[1]), w[1] - w[0], ascending);
            }
            List<String> ids = new ArrayList<>();
            for (long[] seg : rank.segments(ranges.get(), w[0], w[1])) { // a page may span classes far apart in the stored order
                ids.addAll(ClassOrder.ids(c, run, scheme, seg[0], seg[1]));
            }
            return customerRows(c, ids, w[1] - w[0], ascending);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * The table that numbers the customers of run {@code run} in the order of their class in
     * {@code scheme} (nulls last, as the database sorts them), then their id: made once, the first time
     * someone sorts by that scheme. Its name carries the import number, so customers imported later
     * are never left out; an older one for the same run and scheme is dropped. A run's classes never
     * change once stored.
     */
    String classOrder(int run, String scheme) {
        return classOrder(run, scheme, ClassRank.CODE_POINT);
    }

    /** As {@link #classOrder(int, String)}, the classes in {@code rank}'s order (a table of its own for each order). */
    String classOrder(int run, String scheme, ClassRank rank) {
        synchronized (CLASS_ORDER_LOCK) {
            String prefix = "RUN_SORT_" + run + "_" + Integer.toHexString(scheme.hashCode()).toUpperCase(java.util.Locale.ROOT) + "_"
                    + (rank.byCodePoint() ? "" : "R" + rank.tag() + "_");
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
                    fillClassOrder(c, table, run, scheme, rank);
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

    static final String CLASS_ORDER_COLUMNS = "(POS BIGINT NOT NULL PRIMARY KEY, CUSTOMER_ID VARCHAR(64) NOT NULL)";

    /** Reads the customers in class order on a connection of its own and numbers them into {@code table}. */
    void fillClassOrder(Connection c, String table, int run, String scheme, ClassRank rank) throws SQLException {
        List<String> cols = List.of("POS", "CUSTOMER_ID");
        if (db.isDerby()) {
            BulkInsert.template(c, "RUN_SORT", CLASS_ORDER_COLUMNS); // the table function loading them all
            BulkInsert.load(c, true, table, "RUN_SORT", cols, numbered(classOrderOnDerby(run, scheme, rank).iterator()));
            return;
        }
        Sql s = explorerSql(new ExplorerQuery(run, List.of(scheme), null, Map.of(), "scheme:" + scheme, true), true);
        String sql = "SELECT c.ID" + s.fromWhere() + " ORDER BY " + rank.orderBy(s.alias().get(scheme), " ASC") + ", c.ID ASC";
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
    static java.util.Iterator<Object[]> numbered(java.util.Iterator<String> ids) {
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
     * them (classes by code point, as UCS_BASIC does), without a join and a sort of every row in Derby:
     * one scan of the run's classes, then one walk of the customer key in
     * order dealing each customer to its class, so each class stays in id order.
     */
    List<String> classOrderOnDerby(int run, String scheme, ClassRank rank) throws SQLException {
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
        byClass.keySet().stream().sorted(rank.comparator()).forEach(cls -> out.addAll(byClass.get(cls)));
        out.addAll(none);
        return out;
    }

    /** Unicode code point order, as Derby's UCS_BASIC collation compares. */
    static int byCodePoint(String a, String b) {
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
}
