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
 * A Derby table function over rows parsed in Java: {@code INSERT INTO T SELECT * FROM TABLE
 * (PRISM_FEED_T('token')) F} moves a whole file in one statement, without a JDBC round trip per row.
 * The rows come from an iterator registered under a token; a parsing error is kept and rethrown by
 * the importer with its file, line and column.
 */
public final class RowFeed extends VTITemplate {

    /** What feeds one statement. */
    static final class Source {
        final Iterator<Object[]> rows;
        Exception failure;

        Source(Iterator<Object[]> rows) {
            this.rows = rows;
        }
    }

    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

    private final Source source;
    private Object[] row;
    private boolean wasNull;

    private RowFeed(Source source) {
        this.source = source;
    }

    static String register(Source s) {
        String token = UUID.randomUUID().toString();
        SOURCES.put(token, s);
        return token;
    }

    static void unregister(String token) {
        SOURCES.remove(token);
    }

    /** The table function's entry point (declared by {@link Importer} with CREATE FUNCTION). */
    public static ResultSet read(String token) {
        Source s = SOURCES.get(token);
        if (s == null) {
            throw new IllegalStateException("no row source " + token);
        }
        return new RowFeed(s);
    }

    @Override
    public boolean next() throws SQLException {
        try {
            if (!source.rows.hasNext()) {
                return false;
            }
            row = source.rows.next();
            return true;
        } catch (RuntimeException e) {
            source.failure = e.getCause() instanceof Exception x ? x : e;
            throw new SQLException("import stopped: " + e.getMessage(), "38000", e);
        }
    }

    private Object get(int column) {
        Object v = row[column - 1];
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
