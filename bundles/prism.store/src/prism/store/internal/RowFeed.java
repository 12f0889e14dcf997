package prism.store.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.derby.vti.VTITemplate;

/**
 * Rows made in Java as a Derby result set, so that a whole file moves in one statement without a JDBC
 * round trip per row: the VTI of Derby's bulk insert ({@code CALL SYSCS_UTIL.SYSCS_BULK_INSERT(schema,
 * 'T', 'prism.store.internal.RowFeed', 'token')}), or a table function ({@code INSERT INTO T SELECT *
 * FROM TABLE (PRISM_FEED_T('token')) F}). The rows come from an iterator registered under a token; a
 * parsing error is kept and rethrown by the importer with its file, line and column.
 */
public final class RowFeed extends VTITemplate {

    /** What feeds one statement. */
    static final class Source {
        final Iterator<Object[]> rows;
        /** The table's columns, for Derby's bulk insert, which asks the feed what it returns; else null. */
        final Columns columns;
        Exception failure;
        /** Rows handed to Derby so far. */
        long count;

        Source(Iterator<Object[]> rows, Columns columns) {
            this.rows = rows;
            this.columns = columns;
        }
    }

    /**
     * Names, JDBC types, widths and nullability of a table's columns in the table's order, and where each
     * column is in the rows.
     */
    record Columns(String[] names, int[] types, int[] widths, boolean[] nullable, int[] at) {
    }

    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

    private final Source source;
    /** Where the value of each column is in a row: the table's order when the rows are in another. */
    private final int[] at;
    private Object[] row;
    private boolean wasNull;

    private RowFeed(Source source) {
        this.source = source;
        this.at = source.columns == null ? null : source.columns.at();
    }

    static String register(Source s) {
        String token = UUID.randomUUID().toString();
        SOURCES.put(token, s);
        return token;
    }

    static void unregister(String token) {
        SOURCES.remove(token);
    }

    /**
     * The feed as SYSCS_UTIL.SYSCS_BULK_INSERT makes it ({@code new RowFeed(schema, table, token)}), once to
     * learn its columns when the statement is compiled and once to read the rows.
     */
    public RowFeed(String schema, String table, String token) {
        this(source(token));
    }

    private static Source source(String token) {
        Source s = SOURCES.get(token);
        if (s == null) {
            throw new IllegalStateException("no row source " + token);
        }
        return s;
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws SQLException {
        Columns c = source.columns;
        if (c == null) {
            return super.getMetaData();
        }
        return new org.apache.derby.vti.VTIMetaDataTemplate() {
            @Override public int getColumnCount() { return c.names().length; }
            @Override public String getColumnName(int column) { return c.names()[column - 1]; }
            @Override public int getColumnType(int column) { return c.types()[column - 1]; }
            @Override public int getColumnDisplaySize(int column) { return c.widths()[column - 1]; }
            @Override public int getPrecision(int column) { return c.widths()[column - 1]; }
            @Override public int getScale(int column) { return 0; }
            @Override public int isNullable(int column) { return c.nullable()[column - 1] ? columnNullable : columnNoNulls; }
        };
    }

    /** The table function's entry point (declared by {@link Importer} with CREATE FUNCTION). */
    public static ResultSet read(String token) {
        return new RowFeed(source(token));
    }

    @Override
    public boolean next() throws SQLException {
        try {
            if (!source.rows.hasNext()) {
                return false;
            }
            row = source.rows.next();
            source.count++;
            return true;
        } catch (RuntimeException e) {
            source.failure = e.getCause() instanceof Exception x ? x : e;
            throw new SQLException("import stopped: " + e.getMessage(), "38000", e);
        }
    }

    private Object get(int column) {
        Object v = row[at == null ? column - 1 : at[column - 1]];
        wasNull = v == null;
        return v;
    }

    @Override
    public String getString(int column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    @Override
    public byte[] getBytes(int column) {
        return (byte[]) get(column);
    }

    @Override
    public double getDouble(int column) {
        Object v = get(column);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    @Override
    public int getInt(int column) {
        Object v = get(column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    @Override
    public long getLong(int column) {
        Object v = get(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Override
    public short getShort(int column) {
        Object v = get(column);
        return v == null ? 0 : v instanceof Boolean b ? (short) (b ? 1 : 0) : ((Number) v).shortValue();
    }

    @Override
    public boolean getBoolean(int column) {
        Object v = get(column);
        return v != null && (Boolean) v;
    }

    @Override
    public Date getDate(int column) {
        Object v = get(column);
        return v == null ? null : Date.valueOf((LocalDate) v);
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    @Override
    public void close() {
        // the importer unregisters the source
    }
}
