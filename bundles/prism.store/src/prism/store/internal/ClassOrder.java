package prism.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prism.engine.RunResult;

/**
 * A run's customers in the order of their class in each scheme, then their id, stored with the run (table
 * RUN_ORDER_n): the explorer's first page sorted by a class is then a key lookup, where sorting a million
 * customers when someone first asks takes seconds.
 *
 * <p>The run has every customer's class in memory in id order when it is stored, so the order is a
 * counting sort by class, done in milliseconds. It is kept in chunks of consecutive positions, each a
 * row whose key ends with the position after its last customer; the ids in a chunk are front-coded (the
 * bytes shared with the id before, then the rest), since within a class they come in id order.
 *
 * <p>The order holds for the customers the run saw. It is written with the number of the last import
 * that may have written customers ({@link Importer#customersSeq}) and read only while that is still the
 * last: a later customers file may have added customers, who have no class in the run and sort last, so
 * the order is then made by the database as before. It is written only where Java's order of the strings
 * is the database's: on Derby, for ids and classes whose characters all sort above the space Derby pads
 * shorter strings with, and none of them a surrogate.
 */
public final class ClassOrder {

    private ClassOrder() {
    }

    /** The empty table whose columns type the table function that loads every run's order. */
    private static final String TEMPLATE = "RUN_ORDER_TEMPLATE";
    private static final String COLUMNS = "(SCHEME_ID VARCHAR(128) NOT NULL, END_POS INT NOT NULL, CLASS_ID VARCHAR(64) NOT NULL, "
            + "CUSTOMERS_SEQ BIGINT NOT NULL, IDS VARCHAR(32672) FOR BIT DATA NOT NULL, PRIMARY KEY (SCHEME_ID, END_POS))";
    /** Derby's longest VARCHAR FOR BIT DATA; a chunk is cut before it: an id takes at most 64·3 + 10 bytes. */
    private static final int CHUNK_BYTES = 32_672 - 256;
    private static final int CHUNK_IDS = 4_096;

    /** The run's own table of orders, made and filled in the run's transaction: one bulk load, not logged row by row. */
    static String table(int run) {
        return "RUN_ORDER_" + run;
    }

    /**
     * Writes the run's class order of every scheme in {@code result}, in the run's transaction on {@code c}
     * (Derby), when the customers it saw are the customers stored now and their order is the database's;
     * else nothing (the explorer then sorts in the database). Returns whether it was written.
     */
    public static boolean write(Connection c, int run, RunResult result) throws SQLException {
        return write(c, run, result, java.util.Set.of());
    }

    /**
     * As {@link #write(Connection, int, RunResult)}, leaving out the schemes in {@code shared}: those that
     * stored no row in this run, whose order is their base run's (see {@link #source}).
     */
    public static boolean write(Connection c, int run, RunResult result, java.util.Set<String> shared) throws SQLException {
        List<String> ids = result.customerIds();
        int n = ids.size();
        if (n == 0 || !inDatabaseOrder(ids)) {
            return false;
        }
        List<RunResult.SchemeResult> own = result.schemes().stream().filter(r -> !shared.contains(r.schemeId())).toList();
        if (own.isEmpty()) {
            return true;
        }
        List<int[]> orders = new ArrayList<>();
        for (RunResult.SchemeResult r : own) {
            int[] order = order(r.classIds());
            if (order == null) {
                return false;
            }
            orders.add(order);
        }
        if (countCustomers(c) != n) { // customers imported since the run's facts were read
            return false;
        }
        long seq = customersSeq(c);
        BulkInsert.template(c, TEMPLATE, COLUMNS);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table(run) + " " + COLUMNS);
        }
        byte[][] utf8 = new byte[n][];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> utf8[i] = ids.get(i).getBytes(StandardCharsets.UTF_8));
        // The chunks are encoded as Derby takes them, scheme after scheme.
        java.util.Iterator<Object[]> rows = new java.util.Iterator<>() {
            private int scheme = -1;
            private int[] order;
            private int pos = n;

            @Override
            public boolean hasNext() {
                return pos < n || scheme + 1 < own.size();
            }

            @Override
            public Object[] next() {
                if (pos == n) {
                    order = orders.get(++scheme);
                    pos = 0;
                }
                String[] classes = own.get(scheme).classIds();
                String cls = classes[order[pos]];
                Chunk chunk = new Chunk(); // a chunk holds one class: a class is a range of whole chunks
                do {
                    chunk.add(utf8[order[pos++]]);
                } while (pos < n && chunk.count < CHUNK_IDS && chunk.size < CHUNK_BYTES && classes[order[pos]].equals(cls));
                return new Object[] {own.get(scheme).schemeId(), pos, cls, seq, chunk.bytes()};
            }
        };
        BulkInsert.insert(c, table(run), TEMPLATE, List.of("SCHEME_ID", "END_POS", "CLASS_ID", "CUSTOMERS_SEQ", "IDS"), rows);
        return true;
    }

    /**
     * Where each class of {@code scheme} lies in the run's order by that class: its positions [start, end),
     * in the order's class order; empty when that order was not stored with the run or no longer holds
     * (customers imported since). The order holds every customer, so the last end is their number.
     */
    public static Optional<Map<String, long[]>> ranges(Connection c, int run, String scheme) throws SQLException {
        run = source(c, run, scheme);
        List<Object[]> ends = new ArrayList<>(); // class, end, sequence numbers
        try (PreparedStatement ps = c.prepareStatement("SELECT CLASS_ID, MAX(END_POS), MIN(CUSTOMERS_SEQ), MAX(CUSTOMERS_SEQ) FROM "
                + table(run) + " WHERE SCHEME_ID = ? GROUP BY CLASS_ID")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ends.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        } catch (SQLException e) { // no such table: a run stored before orders were, or whose order did not hold
            return Optional.empty(); // (anything else the database's own sort meets again, and reports)
        }
        if (ends.isEmpty()) {
            return Optional.empty();
        }
        long seq = (Long) ends.get(0)[2];
        for (Object[] e : ends) {
            if ((Long) e[2] != seq || (Long) e[3] != seq) {
                return Optional.empty();
            }
        }
        // A customers file imported since may have added customers, whom the run's order leaves out.
        if (customersSeq(c) != seq) {
            return Optional.empty();
        }
        ends.sort(java.util.Comparator.comparingLong(e -> (Long) e[1]));
        Map<String, long[]> ranges = new java.util.LinkedHashMap<>();
        long start = 0;
        for (Object[] e : ends) {
            ranges.put((String) e[0], new long[] {start, (Long) e[1]});
            start = (Long) e[1];
        }
        return Optional.of(ranges);
    }

    /**
     * The run whose order table holds {@code scheme}'s order for {@code run}: the run itself, or, when the
     * run stored no row of the scheme (every customer's class as in its base run) and wrote no order of it,
     * that base run.
     */
    static int source(Connection c, int run, String scheme) throws SQLException {
        Integer base = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT BASE_RUN, STORED FROM RUN_SCHEME WHERE RUN_NUM = ? AND SCHEME_ID = ?")) {
            ps.setInt(1, run);
            ps.setString(2, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int b = rs.getInt(1);
                    base = rs.wasNull() || rs.getInt(2) != 0 ? null : b;
                }
            }
        }
        if (base == null) {
            return run;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table(run) + " WHERE SCHEME_ID = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? run : base;
            }
        } catch (SQLException noTable) { // a run that wrote no order of its own
            return base;
        }
    }

    /**
     * Every class of the run's stored order by {@code scheme}, in that order, each with its customers' ids
     * ascending; empty when the run stored no order of it. Unlike {@link #ranges} it holds after later
     * imports too: it is what the run classified, the customers it saw.
     */
    public static Optional<Map<String, List<String>>> byClass(Connection c, int run, String scheme,
            java.util.function.BooleanSupplier cancelled) throws SQLException {
        return read(c, run, scheme, null, cancelled);
    }

    /** The ids of one class of the run's stored order by {@code scheme}, ascending (none when no one is in it); empty without an order. */
    public static Optional<List<String>> idsOfClass(Connection c, int run, String scheme, String cls,
            java.util.function.BooleanSupplier cancelled) throws SQLException {
        Optional<Map<String, List<String>>> m = read(c, run, scheme, cls, cancelled);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(m.get().getOrDefault(cls, List.of()));
    }

    private static Optional<Map<String, List<String>>> read(Connection c, int run, String scheme, String only,
            java.util.function.BooleanSupplier cancelled) throws SQLException {
        run = source(c, run, scheme);
        Map<String, List<String>> byClass = new java.util.LinkedHashMap<>();
        long seq = Long.MIN_VALUE;
        boolean any = false;
        // The sequence numbers of the whole order are checked, the chunks decoded only for the class asked for.
        try (PreparedStatement ps = c.prepareStatement("SELECT CLASS_ID, CUSTOMERS_SEQ, IDS FROM " + table(run)
                + " WHERE SCHEME_ID = ? ORDER BY END_POS")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (cancelled.getAsBoolean()) {
                        throw new org.eclipse.core.runtime.OperationCanceledException();
                    }
                    long s = rs.getLong(2);
                    if (any && s != seq) {
                        return Optional.empty(); // not written in one go: not an order Prism wrote
                    }
                    seq = s;
                    any = true;
                    String cls = rs.getString(1);
                    if (only == null || only.equals(cls)) {
                        byClass.computeIfAbsent(cls, k -> new ArrayList<>()).addAll(decode(rs.getBytes(3)));
                    }
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) { // no such table: no order stored with the run
                return Optional.empty();
            }
            throw e;
        }
        return any ? Optional.of(byClass) : Optional.empty();
    }

    /** How many customers a stored order holds: the end of its last class. */
    public static long total(Map<String, long[]> ranges) {
        long total = 0;
        for (long[] r : ranges.values()) {
            total = Math.max(total, r[1]);
        }
        return total;
    }

    /**
     * The ids at positions [from, to) of the run's order by its class in {@code scheme}, one after another,
     * read a chunk at a time: a walk through many of them holds no more than a chunk. Close it after.
     */
    public static final class Cursor implements IdStreams.IdStream {
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final long to;
        private List<String> chunk = List.of();
        private long chunkStart;
        private long pos;
        private String head;

        public Cursor(Connection c, int run, String scheme, long from, long to) throws SQLException {
            run = source(c, run, scheme);
            this.to = to;
            this.pos = from;
            this.ps = c.prepareStatement("SELECT END_POS, IDS FROM " + table(run) + " WHERE SCHEME_ID = ? AND END_POS > ? ORDER BY END_POS");
            try {
                ps.setString(1, scheme);
                ps.setLong(2, from);
                this.rs = ps.executeQuery();
                head = read();
            } catch (SQLException e) {
                ps.close();
                throw e;
            }
        }

        /** The id at {@code pos}, reading the next chunk when this one is done; null past {@code to}. */
        private String read() throws SQLException {
            if (pos >= to) {
                return null;
            }
            while (pos >= chunkStart + chunk.size()) {
                if (!rs.next()) {
                    return null;
                }
                long end = rs.getLong(1);
                chunk = decode(rs.getBytes(2));
                chunkStart = end - chunk.size();
            }
            return chunk.get((int) (pos - chunkStart));
        }

        @Override
        public String head() {
            return head;
        }

        @Override
        public void next() throws SQLException {
            pos++;
            head = read();
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
            } finally {
                ps.close();
            }
        }
    }

    /** The ids at positions [from, to) of the run's order by its class in {@code scheme}: ascending class, then id. */
    public static List<String> ids(Connection c, int run, String scheme, long from, long to) throws SQLException {
        return IdStreams.slice(new Cursor(c, run, scheme, from, to), 0, to - from);
    }

    /**
     * The last import that may have written customers, or -1 while a database from before that was kept
     * has had no import since (its next import of any kind records one, so the order is not trusted after it).
     */
    private static long customersSeq(Connection c) throws SQLException {
        return Importer.customersSeq(c).orElse(-1);
    }

    /**
     * The customers' indexes sorted by class (as Java compares strings), each class in the customers' own
     * order: a counting sort. Null when a class is missing or would sort otherwise in the database.
     */
    static int[] order(String[] classes) {
        Map<String, Integer> slot = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] of = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            Integer k = slot.get(classes[i]);
            if (k == null) {
                if (classes[i] == null || !plain(classes[i])) {
                    return null;
                }
                k = names.size();
                slot.put(classes[i], k);
                names.add(classes[i]);
            }
            of[i] = k;
        }
        int[] count = new int[names.size()];
        for (int k : of) {
            count[k]++;
        }
        int[] next = new int[names.size()]; // where each class's customers go: after the classes sorting before it
        int at = 0;
        for (String name : names.stream().sorted().toList()) {
            int k = slot.get(name);
            next[k] = at;
            at += count[k];
        }
        int[] order = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            order[next[of[i]]++] = i;
        }
        return order;
    }

    /** Whether the ids are strictly ascending as Java compares them, with characters that sort alike in the database. */
    static boolean inDatabaseOrder(List<String> ids) {
        String prev = null;
        for (String id : ids) {
            if (id == null || !plain(id) || (prev != null && prev.compareTo(id) >= 0)) {
                return false;
            }
            prev = id;
        }
        return true;
    }

    /** Whether Java sorts this id among others as the database does (see {@link #plain}). */
    public static boolean sortsAsInDatabase(String id) {
        return id != null && plain(id);
    }

    /**
     * No character at or below the space (Derby compares strings as if the shorter were padded with spaces)
     * and no surrogate (UTF-16 order is not code point order there): Java's order is then the database's.
     */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= ' ' || Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    /** A chunk being written: a count, then per id the bytes it shares with the one before and the rest. */
    private static final class Chunk {
        private byte[] buf = new byte[16_384];
        int size = 5; // room for the count, written in front at the end
        int count;
        private byte[] prev = new byte[0];

        void add(byte[] id) {
            int shared = 0;
            int max = Math.min(prev.length, id.length);
            while (shared < max && prev[shared] == id[shared]) {
                shared++;
            }
            if (size + id.length + 10 > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + id.length + 10));
            }
            varint(shared);
            varint(id.length - shared);
            System.arraycopy(id, shared, buf, size, id.length - shared);
            size += id.length - shared;
            prev = id;
            count++;
        }

        private void varint(int v) {
            while ((v & ~0x7f) != 0) {
                buf[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        /** The count first, so a reader sizes its list before it decodes. */
        byte[] bytes() {
            int end = size;
            int v = count, head = 1;
            while ((v >>>= 7) != 0) {
                head++;
            }
            size = 5 - head;
            varint(count);
            return java.util.Arrays.copyOfRange(buf, 5 - head, end);
        }
    }

    static List<String> decode(byte[] b) {
        int[] at = {0};
        int count = varint(b, at);
        List<String> ids = new ArrayList<>(count);
        byte[] id = new byte[256];
        for (int k = 0; k < count; k++) {
            int shared = varint(b, at);
            int rest = varint(b, at);
            if (shared + rest > id.length) {
                id = java.util.Arrays.copyOf(id, shared + rest);
            }
            System.arraycopy(b, at[0], id, shared, rest);
            at[0] += rest;
            ids.add(new String(id, 0, shared + rest, StandardCharsets.UTF_8));
        }
        return ids;
    }

    private static int varint(byte[] b, int[] at) {
        int v = 0;
        for (int shift = 0;; shift += 7) {
            int x = b[at[0]++];
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    private static long countCustomers(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM CUSTOMER")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
