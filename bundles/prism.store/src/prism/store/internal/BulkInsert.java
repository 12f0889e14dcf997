package prism.store.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;

/**
 * Loading many rows into a Derby table in one statement fed by a {@link RowFeed}: Derby's bulk insert
 * (SYSCS_UTIL.SYSCS_BULK_INSERT) when the rows give every column, else an INSERT … SELECT over the feed
 * as a table function.
 */
public final class BulkInsert {

    private BulkInsert() {
    }

    /** The rows' own failure (an import error, a cancel), carried out of Derby unchanged. */
    public static final class FeedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FeedFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Inserts the rows (values in column order) in one statement. When the rows' iterator fails, that
     * failure is thrown: a runtime exception as it is, a checked one inside a {@link FeedFailure}.
     */
    public static long insert(Connection c, String table, List<String> cols, Iterator<Object[]> rows) throws SQLException {
        return insert(c, table, table, cols, rows);
    }

    /** As {@link #insert(Connection, String, List, Iterator)}, into a table with the columns of {@code like}. */
    public static long insert(Connection c, String table, String like, List<String> cols, Iterator<Object[]> rows) throws SQLException {
        RowFeed.Columns columns = bulkColumns(c, table, cols);
        // With a second core, the rows are made there while Derby stores the ones before.
        Prefetch ahead = Runtime.getRuntime().availableProcessors() > 1 ? new Prefetch(rows, "prism-feed-" + table) : null;
        RowFeed.Source source = new RowFeed.Source(ahead != null ? ahead : rows, columns);
        String token = RowFeed.register(source);
        try {
            if (columns != null) {
                // Derby's own bulk insert, as its import uses: into an empty table it writes new pages without
                // logging each row and builds every index by one sort; into a table with rows it inserts as usual.
                try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BULK_INSERT(?, ?, ?, ?)")) {
                    cs.setString(1, c.getSchema());
                    cs.setString(2, table);
                    cs.setString(3, RowFeed.class.getName());
                    cs.setString(4, token);
                    cs.execute();
                }
                return source.count;
            }
            String function = declare(c, like, cols);
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT * FROM TABLE (" + function
                        + "('" + token + "')) F");
            }
        } catch (SQLException e) {
            if (source.failure instanceof RuntimeException re) {
                throw re;
            }
            if (source.failure != null) {
                throw new FeedFailure(source.failure);
            }
            throw e;
        } finally {
            RowFeed.unregister(token);
            if (ahead != null) {
                ahead.close();
            }
        }
    }

    /** Column types the feed hands to Derby's bulk insert as they are. */
    private static final java.util.Set<Integer> BULK_TYPES = java.util.Set.of(Types.VARCHAR, Types.VARBINARY, Types.DOUBLE,
            Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.BOOLEAN, Types.DATE);

    /**
     * The table's columns in its own order, with where each is in the rows, when the rows give every column
     * and all are of types the feed hands over; else null, and the rows go in through the table function.
     */
    private static RowFeed.Columns bulkColumns(Connection c, String table, List<String> cols) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        List<int[]> spec = new java.util.ArrayList<>(); // type, width, nullability, position
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
                spec.add(new int[] {rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), rs.getInt("NULLABLE"), rs.getInt("ORDINAL_POSITION")});
            }
        }
        int n = names.size();
        if (n != cols.size() || n == 0) {
            return null;
        }
        String[] name = new String[n];
        int[] type = new int[n], width = new int[n], at = new int[n];
        boolean[] nullable = new boolean[n];
        for (int j = 0; j < n; j++) {
            int[] x = spec.get(j);
            int pos = x[3] - 1;
            if (pos < 0 || pos >= n || name[pos] != null || !BULK_TYPES.contains(x[0])) {
                return null;
            }
            name[pos] = names.get(j);
            type[pos] = x[0];
            width[pos] = x[0] == Types.VARCHAR || x[0] == Types.VARBINARY ? x[1] : 0;
            nullable[pos] = x[2] != java.sql.DatabaseMetaData.columnNoNulls;
            at[pos] = cols.indexOf(names.get(j));
            if (at[pos] < 0) {
                return null;
            }
        }
        return new RowFeed.Columns(name, type, width, nullable, at);
    }

    /**
     * Loads the rows into {@code table}: on Derby in one statement ({@link #insert(Connection, String, String, List,
     * Iterator)}), on a server in JDBC batches. Values are bound as they are; a null takes the column's own type.
     */
    public static long load(Connection c, boolean derby, String table, String like, List<String> cols, Iterator<Object[]> rows)
            throws SQLException {
        if (derby) {
            return insert(c, table, like, cols, rows);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")")) {
            int[] types = null;
            long n = 0;
            while (rows.hasNext()) {
                Object[] row = rows.next();
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        ps.setObject(i + 1, row[i]);
                    } else {
                        if (types == null) {
                            types = new int[cols.size()];
                            java.sql.ParameterMetaData m = ps.getParameterMetaData();
                            for (int k = 0; k < types.length; k++) {
                                types[k] = m.getParameterType(k + 1);
                            }
                        }
                        ps.setNull(i + 1, types[i]);
                    }
                }
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            return n;
        }
    }

    /**
     * Makes the empty table {@code name} with these columns unless it is there, and returns its name: the
     * template whose column types type the table function that loads every table of that shape.
     */
    public static String template(Connection c, String name, String columns) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            if (rs.next()) {
                return name;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + name + " " + columns);
        }
        return name;
    }

    static boolean hasIndex(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM SYS.SYSCONGLOMERATES WHERE CONGLOMERATENAME = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean dropIndex(Connection c, String index) throws SQLException {
        if (!hasIndex(c, index)) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX " + index);
        }
        return true;
    }

    /**
     * Declares the table function of a table and column list once, with the table's own column types;
     * returns its name (which names the columns' list, so that a table that gained a column gets a new one).
     */
    public static String declare(Connection c, String table, List<String> cols) throws SQLException {
        String function = "PRISM_FEED_" + table + "_" + Integer.toHexString(String.join(",", cols).hashCode() & 0x7fffffff).toUpperCase();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM SYS.SYSALIASES WHERE ALIAS = ?")) {
            ps.setString(1, function);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return function;
                }
            }
        }
        java.util.Map<String, String> types = new java.util.HashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                String type = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                types.put(rs.getString("COLUMN_NAME"), type.equals("VARCHAR") ? "VARCHAR(" + size + ")"
                        : type.startsWith("VARCHAR") && type.endsWith("FOR BIT DATA") ? "VARCHAR(" + size + ") FOR BIT DATA" : type);
            }
        }
        String columns = String.join(", ", cols.stream().map(x -> x + " " + types.get(x)).toList());
        try (Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION " + function + " (TOKEN VARCHAR(64)) RETURNS TABLE (" + columns + ") LANGUAGE JAVA "
                    + "PARAMETER STYLE DERBY_JDBC_RESULT_SET NO SQL EXTERNAL NAME 'prism.store.internal.RowFeed.read'");
        }
        return function;
    }

}
