package prism.store.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Inserts or updates rows of one table by id, in chunks: the ids of the chunk already stored (earlier
 * in this import, or found by primary key) are updated in one JDBC batch, the rest inserted in another. An update sets only the columns the input file has, so a file without a
 * column leaves that column as it was.
 */
class Upserter implements AutoCloseable {

    static final int CHUNK = 1000;

    /** A column: name and JDBC type; column 0 is the id. */
    record Column(String name, int sqlType) {
    }

    protected final Connection connection;
    private final String table;
    private final List<Column> columns;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final int[] updated;
    private final int importSeq;
    private final PreparedStatement probe;
    private final boolean tableWasEmpty;
    /** Ids written by this import so far: a later row with one of them updates. */
    private final Set<String> seen = new HashSet<>();
    protected final Map<String, Object[]> buffer = new LinkedHashMap<>();
    private long inserts;
    private long updates;

    /**
     * @param present for each column, whether the input file has it (id always)
     */
    Upserter(Connection c, String table, List<Column> columns, boolean[] present, int importSeq) throws SQLException {
        this.connection = c;
        this.table = table;
        this.columns = columns;
        this.importSeq = importSeq;
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String marks = columns.stream().map(x -> "?").collect(Collectors.joining(", "));
        // Every row written carries the import's number (IMPORT_SEQ): incremental runs find what changed by it.
        this.insert = c.prepareStatement("INSERT INTO " + table + " (" + names + ", IMPORT_SEQ) VALUES (" + marks + ", ?)");
        int n = 0;
        int[] u = new int[columns.size()];
        StringBuilder set = new StringBuilder();
        for (int i = 1; i < columns.size(); i++) {
            if (present[i]) {
                set.append(n == 0 ? "" : ", ").append(columns.get(i).name()).append(" = ?");
                u[n++] = i;
            }
        }
        this.updated = java.util.Arrays.copyOf(u, n);
        this.probe = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + columns.get(0).name() + " = ?");
        try (java.sql.Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            this.tableWasEmpty = !rs.next();
        }
        set.append(n == 0 ? "" : ", ").append("IMPORT_SEQ = ?");
        this.update = c.prepareStatement("UPDATE " + table + " SET " + set + " WHERE " + columns.get(0).name() + " = ?");
    }

    /** Adds a row (values in column order); a later row with the same id replaces an earlier one. */
    void add(Object[] row) throws SQLException {
        if (buffer.remove(row[0]) != null) {
            updates++; // the same id earlier in this chunk: this row updates it, as it would across chunks
        }
        buffer.put((String) row[0], row);
        if (buffer.size() >= CHUNK) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        Set<String> existing = existing(buffer.keySet());
        boolean anyInsert = false;
        boolean anyUpdate = false;
        for (Object[] row : buffer.values()) {
            if (existing.contains((String) row[0])) {
                updates++;
                for (int k = 0; k < updated.length; k++) {
                    bind(update, k + 1, row[updated[k]], columns.get(updated[k]).sqlType());
                }
                update.setInt(updated.length + 1, importSeq);
                bind(update, updated.length + 2, row[0], Types.VARCHAR);
                update.addBatch();
                anyUpdate = true;
            } else {
                inserts++;
                for (int k = 0; k < columns.size(); k++) {
                    bind(insert, k + 1, row[k], columns.get(k).sqlType());
                }
                insert.setInt(columns.size() + 1, importSeq);
                insert.addBatch();
                anyInsert = true;
            }
        }
        if (anyUpdate) {
            update.executeBatch();
        }
        if (anyInsert) {
            insert.executeBatch();
        }
        afterFlush(existing);
        buffer.clear();
    }

    /** Hook for dependent rows (custom attributes); the buffer still holds the chunk. */
    protected void afterFlush(Set<String> existing) throws SQLException {
    }

    /**
     * The ids of the chunk that are stored already: those seen earlier in this import, and — unless
     * the table was empty when the import began — those the primary key finds.
     */
    private Set<String> existing(Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        for (String id : ids) {
            if (seen.contains(id)) {
                found.add(id);
            } else if (!tableWasEmpty) {
                probe.setString(1, id);
                try (ResultSet rs = probe.executeQuery()) {
                    if (rs.next()) {
                        found.add(id);
                    }
                }
            }
        }
        seen.addAll(ids);
        return found;
    }

    static void bind(PreparedStatement ps, int i, Object v, int type) throws SQLException {
        if (v == null) {
            ps.setNull(i, type);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof LocalDate d) {
            ps.setDate(i, Date.valueOf(d));
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else {
            throw new IllegalArgumentException("cannot bind " + v.getClass());
        }
    }

    long inserted() {
        return inserts;
    }

    long updated() {
        return updates;
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        update.close();
        probe.close();
    }
}
