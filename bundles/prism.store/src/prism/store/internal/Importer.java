package prism.store.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.ImportResult;
import prism.store.StoreException;

/**
 * Loads customers, then orders, then interactions in one transaction with JDBC batches: the import
 * lands whole, or — on the first bad value, a cancel or any failure — is rolled back and nothing
 * stored changes. With a rejects report, bad rows are skipped and reported instead.
 *
 * <p>Longer than a class should be: the three files' row mappers, the bulk and row-by-row paths and the
 * rejects report all share one transaction's state (the ids known so far, the change log, the snapshot
 * collector, the content token). It is to be split when the CSV import gets a bundle of its own.
 */
public final class Importer {

    static final String[] CUSTOMER_COLUMNS = {"id", "name", "kind", "role", "country", "region", "city", "industry",
            "plan", "created", "refused"};
    static final String[] ORDER_COLUMNS = {"id", "customer_id", "date", "amount", "discount", "promo", "custom", "cost"};
    static final String[] INTERACTION_COLUMNS = {"id", "customer_id", "date", "type", "score", "stage", "note"};
    private static final String[] STAGES = {"interested", "hesitating", "not_now", "never"};

    private final Database db;
    private final List<CsvFile> opened = new ArrayList<>();
    private int importSeq;
    private CSVPrinter rejects;
    private long rejected;

    private SnapshotCollector collector;
    /** The customers this import writes, for PRISM_CHANGE; not gathered while a bulk load (which means all) runs. */
    private final Set<String> touched = new HashSet<>();
    private boolean touchedAll;
    private boolean inBulk;
    static final String ALL = "";
    /** Beyond this many customers an import is logged as "all": the next run is a full one anyway. */
    private static final int MOST_LISTED = 200_000;
    static final String CHANGE_LOG_FROM_KEY = "change.log.from";

    public Importer(Database db) {
        this.db = db;
    }

    /** Gathers the rows for a column snapshot when this import fills an empty database; see {@link SnapshotCollector}. */
    public Importer collectInto(SnapshotCollector c) {
        this.collector = c;
        return this;
    }

    public ImportResult run(ImportRequest req, IProgressMonitor monitor) throws ImportException {
        Path report = req.rejectsReport() == null ? null : req.rejectsReport().toAbsolutePath();
        Path reportPart = null;
        try {
            if (report != null) {
                for (Path input : Arrays.asList(req.customers(), req.orders(), req.interactions())) {
                    if (input != null && Files.exists(report) && Files.exists(input) && Files.isSameFile(input, report)) {
                        throw new IllegalArgumentException("the rejects report " + report + " is the input file " + input);
                    }
                }
                // Written aside and moved into place at the end: a failed import leaves a report of before intact
                reportPart = Files.createTempFile(report.getParent(), report.getFileName() + ".", ".part");
            }
            CsvFile customers = open(req.customers(), opened, "id");
            CsvFile orders = open(req.orders(), opened, "id", "customer_id", "date", "amount");
            CsvFile interactions = open(req.interactions(), opened, "id", "customer_id", "date", "type");
            long total = opened.stream().mapToLong(CsvFile::size).sum();
            SubMonitor sub = SubMonitor.convert(monitor, "Importing", (int) Math.max(1, total / 1024));
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    if (report != null) {
                        rejects = new CSVPrinter(new BufferedWriter(Files.newBufferedWriter(reportPart, StandardCharsets.UTF_8)),
                                CSVFormat.RFC4180.builder().setHeader("file", "line", "column", "reason", "values").get());
                    }
                    importSeq = (int) nextImportSeq(c);
                    // What ties the files derived from this content to it (see prism.engine.DerivedFiles)
                    putMeta(c, IMPORT_TOKEN_KEY + importSeq, newToken());
                    if (collector != null && (!db.isDerby() || report != null || req.dryRun() || !isEmpty(c, "CUSTOMER")
                            || !isEmpty(c, "CUSTOMER_ATTR") || !isEmpty(c, "ORDERS") || !isEmpty(c, "INTERACTION"))) {
                        collector.invalidate(); // the import is not all the database will hold
                    }
                    Set<String> known = orders != null || interactions != null ? storedCustomerIds(c) : new HashSet<>();
                    ImportResult.Counts cc = customers == null ? none() : customers(c, customers, known, sub);
                    ImportResult.Counts oc = orders == null ? none() : orders(c, orders, known, sub);
                    ImportResult.Counts ic = interactions == null ? none() : interactions(c, interactions, known, sub);
                    if (rejects != null) {
                        rejects.close();
                        rejects = null;
                    }
                    logChanges(c);
                    // A customers file may write customer rows; without the key, earlier imports may have too
                    if (customers != null || customersSeq(c).isEmpty()) {
                        putMeta(c, CUSTOMERS_SEQ_KEY, importSeq);
                    }
                    if (req.dryRun()) {
                        c.rollback();
                    } else {
                        c.commit();
                    }
                    if (reportPart != null) {
                        prism.engine.DerivedFiles.moveIntoPlace(reportPart, report);
                        reportPart = null;
                    }
                    return new ImportResult(cc, oc, ic);
                } catch (ImportException | RuntimeException | Error | IOException e) {
                    rollback(c);
                    throw e;
                } catch (SQLException e) {
                    rollback(c);
                    throw new StoreException("import failed in the database, nothing was changed: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot import: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read the input: " + e.getMessage(), e);
        } catch (ImportException | RuntimeException e) {
            throw e;
        } finally {
            opened.forEach(CsvFile::close);
            if (reportPart != null) { // the report of a failed import is worthless
                try {
                    if (rejects != null) {
                        rejects.close();
                    }
                    Files.deleteIfExists(reportPart);
                } catch (IOException ignored) {
                    // a temporary file left behind; the input and the old report are untouched
                }
            }
        }
    }

    static final String IMPORT_SEQ_KEY = "import.seq";
    /** PRISM_META keys of the content tokens of imports and runs, followed by their number. */
    public static final String IMPORT_TOKEN_KEY = "import.token.";
    public static final String RUN_TOKEN_KEY = "run.token.";

    /** A random content token, never 0 (what a database made before tokens has for every import). */
    public static long newToken() {
        long t;
        do {
            t = new java.security.SecureRandom().nextLong();
        } while (t == 0);
        return t;
    }

    /** The content token of a key, 0 when the database has none, on a connection of its own. */
    public static long token(Database db, String key) {
        try (Connection c = db.connection()) {
            return token(c, key);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database's content token: " + e.getMessage(), e);
        }
    }

    /** The content token of a key, 0 when the database has none. */
    public static long token(Connection c, String key) throws SQLException {
        return meta(c, key).orElse(0);
    }

    /** A counter or token PRISM_META keeps, when it has one. */
    private static java.util.OptionalLong meta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT V FROM PRISM_META WHERE K = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    /** The number of the last import (0 before the first), as PRISM_META keeps it. */
    public static long importSeq(Connection c) throws SQLException {
        return meta(c, IMPORT_SEQ_KEY).orElse(0);
    }

    /** Takes the next import number (kept in PRISM_META within the import's transaction). */
    private static long nextImportSeq(Connection c) throws SQLException {
        long seq = importSeq(c) + 1;
        putMeta(c, IMPORT_SEQ_KEY, seq);
        return seq;
    }

    /**
     * The number of the last import that may have written customers' own rows (not their orders or
     * interactions): an incremental run takes the records of customers no such import wrote from its
     * cached facts instead of the database.
     */
    static final String CUSTOMERS_SEQ_KEY = "customers.seq";

    /** The last import that may have written customer rows, or empty when unknown (a database from before the key). */
    public static java.util.OptionalLong customersSeq(Connection c) throws SQLException {
        return meta(c, CUSTOMERS_SEQ_KEY);
    }

    public static void putMeta(Connection c, String key, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE PRISM_META SET V = ? WHERE K = ?")) {
            ps.setLong(1, value);
            ps.setString(2, key);
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement in = c.prepareStatement("INSERT INTO PRISM_META (K, V) VALUES (?, ?)")) {
                    in.setString(1, key);
                    in.setLong(2, value);
                    in.executeUpdate();
                }
            }
        }
    }

    private void touch(String customerId) {
        if (!inBulk && !touchedAll && touched.size() <= MOST_LISTED) {
            touched.add(customerId);
        }
    }

    /** Records which customers this import wrote (see {@link ChangeEntity}), within its transaction. */
    private void logChanges(Connection c) throws SQLException {
        boolean all = touchedAll || touched.size() > MOST_LISTED;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO PRISM_CHANGE (IMPORT_SEQ, CUSTOMER_ID) VALUES (?, ?)")) {
            int k = 0;
            for (String id : all ? Set.of(ALL) : touched) {
                ps.setInt(1, importSeq);
                ps.setString(2, id);
                ps.addBatch();
                if (++k % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        // The first import that logs: runs against earlier imports must still scan the tables.
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM PRISM_META WHERE K = ?")) {
            ps.setString(1, CHANGE_LOG_FROM_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO PRISM_META (K, V) VALUES (?, ?)")) {
            ps.setString(1, CHANGE_LOG_FROM_KEY);
            ps.setLong(2, importSeq);
            ps.executeUpdate();
        }
    }

    private static ImportResult.Counts none() {
        return new ImportResult.Counts(0, 0, 0);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is going away; Derby rolls back an uncommitted transaction on close
        }
    }

    private static CsvFile open(Path p, List<CsvFile> opened, String... required) throws ImportException, IOException {
        if (p == null) {
            return null;
        }
        CsvFile f = new CsvFile(p);
        opened.add(f);
        f.require(required);
        return f;
    }

    private static Set<String> storedCustomerIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM CUSTOMER")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------ customers

    private ImportResult.Counts customers(Connection c, CsvFile f, Set<String> known, SubMonitor sub)
            throws ImportException, SQLException, IOException {
        int[] at = positions(f, CUSTOMER_COLUMNS);
        List<String> extra = new ArrayList<>();
        List<Integer> extraAt = new ArrayList<>();
        for (int i = 0; i < f.header().size(); i++) {
            if (!contains(at, i)) {
                if (f.header().get(i).length() > 128) { // CUSTOMER_ATTR.NAME
                    throw new ImportException(f.name(), 1, i + 1, "expected a column name of at most 128 characters, found "
                            + Values.quoted(f.header().get(i)));
                }
                extra.add(f.header().get(i));
                extraAt.add(i);
            }
        }
        List<Upserter.Column> cols = List.of(col("ID"), col("NAME"), col("KIND"), col("ROLE"), col("COUNTRY"),
                col("REGION"), col("CITY"), col("INDUSTRY"), col("PLAN"), new Upserter.Column("CREATED", Types.DATE),
                new Upserter.Column("REFUSED", Types.BOOLEAN));
        RowMapper mapper = x -> {
                Object[] out = new Object[cols.size() + extra.size()];
                out[0] = Values.required(x.raw(0), "a customer id", 64);
                out[1] = Values.text(x.raw(1), 255);
                out[2] = x.opt(2) == null ? null : Values.oneOf(x.raw(2), "individual", "enterprise", "government");
                out[3] = x.opt(3) == null ? null : Values.oneOf(x.raw(3), "end", "intermediary");
                out[4] = Values.text(x.raw(4), 64);
                for (int k = 5; k <= 7; k++) {
                    out[k] = Values.text(x.raw(k), 128);
                }
                out[8] = x.opt(8) == null ? null : Values.oneOf(x.raw(8), "free", "paid");
                out[9] = x.opt(9) == null ? null : Values.date(x.raw(9));
                out[10] = x.opt(10) == null ? null : Values.bool(x.raw(10));
                Map<String, String> attrs = extra.isEmpty() ? Map.of() : new HashMap<>();
                for (int e = 0; e < extra.size(); e++) {
                    out[cols.size() + e] = Values.text(x.attribute(extraAt.get(e), extra.get(e)), 4000);
                    if (out[cols.size() + e] != null) {
                        attrs.put(extra.get(e), (String) out[cols.size() + e]);
                    }
                }
                known.add((String) out[0]);
                touch((String) out[0]);
                if (collector != null) {
                    collector.customer(new Customer((String) out[0], (String) out[1], (String) out[2], (String) out[3], (String) out[4],
                            (String) out[5], (String) out[6], (String) out[7], (String) out[8], (java.time.LocalDate) out[9],
                            (Boolean) out[10], attrs));
                }
                return out;
        };
        if (db.isDerby() && rejects == null && isEmpty(c, "CUSTOMER") && isEmpty(c, "CUSTOMER_ATTR")) {
            // Into empty tables: the customers in one statement, then their other columns in a second.
            inBulk = true;
            Long n = bulk(c, f, sub, "CUSTOMER", cols, CUSTOMER_COLUMNS, at, x -> Arrays.copyOf(mapper.map(x), cols.size()));
            inBulk = false;
            touchedAll |= n != null;
            if (n != null) {
                if (!extra.isEmpty()) {
                    attributes(c, new CsvFile(f.path()), at, extra, extraAt);
                }
                return new ImportResult.Counts(n, 0, 0);
            }
            if (collector != null) {
                collector.invalidate(); // its rows of this file would be gathered twice
            }
            f = new CsvFile(f.path()); // a repeated id: read the file again, upserting row by row
            opened.add(f);
        }
        try (CustomerUpserter up = new CustomerUpserter(c, cols, present(at), extra, importSeq)) {
            return load(f, sub, up, CUSTOMER_COLUMNS, at, mapper);
        }
    }

    /** The other columns of a customers file already checked and loaded, into the empty CUSTOMER_ATTR. */
    private void attributes(Connection c, CsvFile f, int[] at, List<String> extra, List<Integer> extraAt)
            throws SQLException, IOException, ImportException {
        opened.add(f);
        java.util.Iterator<Object[]> rows = new java.util.Iterator<>() {
            private final java.util.ArrayDeque<Object[]> next = new java.util.ArrayDeque<>();

            @Override
            public boolean hasNext() {
                try {
                    CsvFile.Row row;
                    while (next.isEmpty() && (row = f.next()) != null) {
                        String id = get(row.values(), at[0]).trim(); // as the customer row took it
                        for (int e = 0; e < extra.size(); e++) {
                            String v = Values.text(get(row.values(), extraAt.get(e)));
                            if (v != null) {
                                next.add(new Object[] {id, extra.get(e), v});
                            }
                        }
                    }
                } catch (ImportException e) { // read and checked once already: cannot happen but for the disk
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return !next.isEmpty();
            }

            @Override
            public Object[] next() {
                return next.removeFirst();
            }
        };
        BulkInsert.insert(c, "CUSTOMER_ATTR", List.of("CUSTOMER_ID", "NAME", "VAL"), rows);
    }

    /** Customers, and their custom attributes in CUSTOMER_ATTR. */
    private static final class CustomerUpserter extends Upserter {
        private final List<String> extra;
        private final PreparedStatement deleteAttr;
        private final PreparedStatement insertAttr;
        private final int base;

        CustomerUpserter(Connection c, List<Column> cols, boolean[] present, List<String> extra, int seq) throws SQLException {
            super(c, "CUSTOMER", cols, present, seq);
            this.extra = extra;
            this.base = cols.size();
            this.deleteAttr = c.prepareStatement("DELETE FROM CUSTOMER_ATTR WHERE CUSTOMER_ID = ? AND NAME = ?");
            this.insertAttr = c.prepareStatement("INSERT INTO CUSTOMER_ATTR (CUSTOMER_ID, NAME, VAL) VALUES (?, ?, ?)");
        }

        @Override
        protected void afterFlush(Set<String> existing) throws SQLException {
            if (extra.isEmpty()) {
                return;
            }
            boolean deletes = false;
            boolean inserts = false;
            for (Object[] row : buffer.values()) {
                String id = (String) row[0];
                for (int e = 0; e < extra.size(); e++) {
                    if (existing.contains(id)) {
                        deleteAttr.setString(1, id);
                        deleteAttr.setString(2, extra.get(e));
                        deleteAttr.addBatch();
                        deletes = true;
                    }
                    Object val = row[base + e];
                    if (val != null) {
                        insertAttr.setString(1, id);
                        insertAttr.setString(2, extra.get(e));
                        insertAttr.setString(3, (String) val);
                        insertAttr.addBatch();
                        inserts = true;
                    }
                }
            }
            if (deletes) {
                deleteAttr.executeBatch();
            }
            if (inserts) {
                insertAttr.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            super.close();
            deleteAttr.close();
            insertAttr.close();
        }
    }

    // ------------------------------------------------------------------ orders

    private ImportResult.Counts orders(Connection c, CsvFile f, Set<String> known, SubMonitor sub)
            throws ImportException, SQLException, IOException {
        int[] at = positions(f, ORDER_COLUMNS);
        List<Upserter.Column> cols = List.of(col("ID"), col("CUSTOMER_ID"), new Upserter.Column("ORDER_DATE", Types.DATE),
                new Upserter.Column("AMOUNT", Types.DOUBLE), new Upserter.Column("DISCOUNT", Types.DOUBLE),
                new Upserter.Column("PROMO", Types.BOOLEAN), new Upserter.Column("CUSTOM", Types.BOOLEAN),
                new Upserter.Column("COST", Types.DOUBLE));
        RowMapper mapper = x -> {
                Object[] out = new Object[8];
                out[0] = Values.required(x.raw(0), "an order id", 64);
                out[1] = customer(x.raw(1), known);
                out[2] = Values.date(Values.required(x.raw(2), "a date YYYY-MM-DD"));
                out[3] = Values.amount(Values.required(x.raw(3), "an amount"));
                double discount = x.opt(4) == null ? 0 : Values.amount(x.raw(4));
                if (discount < 0) {
                    throw new Values.Bad("a discount of 0 or more", x.raw(4));
                }
                out[4] = discount;
                out[5] = x.opt(5) != null && Values.bool(x.raw(5));
                out[6] = x.opt(6) != null && Values.bool(x.raw(6));
                out[7] = x.opt(7) == null ? null : Values.amount(x.raw(7));
                touch((String) out[1]); // the row passed every check
                if (collector != null) {
                    collector.order((String) out[1], (java.time.LocalDate) out[2], (Double) out[3], discount, (Boolean) out[5],
                            (Boolean) out[6], (Double) out[7]);
                }
                return out;
        };
        return loadFastOrSafe(c, f, sub, "ORDERS", cols, ORDER_COLUMNS, at, mapper);
    }

    // ------------------------------------------------------------------ interactions

    private ImportResult.Counts interactions(Connection c, CsvFile f, Set<String> known, SubMonitor sub)
            throws ImportException, SQLException, IOException {
        int[] at = positions(f, INTERACTION_COLUMNS);
        List<Upserter.Column> cols = List.of(col("ID"), col("CUSTOMER_ID"), new Upserter.Column("IX_DATE", Types.DATE),
                col("TYPE"), new Upserter.Column("SCORE", Types.INTEGER), col("STAGE"), col("NOTE"));
        RowMapper mapper = x -> {
                Object[] out = new Object[7];
                out[0] = Values.required(x.raw(0), "an interaction id", 64);
                out[1] = customer(x.raw(1), known);
                out[2] = Values.date(Values.required(x.raw(2), "a date YYYY-MM-DD"));
                String type = Values.required(x.raw(3), "an interaction type");
                InteractionType parsed = InteractionType.parse(type).orElseThrow(
                        () -> new Values.Bad("an interaction type (" + InteractionType.accepted() + ")", type));
                out[3] = parsed.csvName();
                out[4] = x.opt(4) == null ? null : Values.integer(x.raw(4), 0, 10);
                out[5] = x.opt(5) == null ? null : Values.oneOf(x.raw(5), STAGES);
                out[6] = Values.text(x.raw(6), 4000);
                touch((String) out[1]); // the row passed every check
                if (collector != null) {
                    collector.interaction((String) out[0], (String) out[1], (java.time.LocalDate) out[2], parsed, (Integer) out[4],
                            (String) out[5]);
                }
                return out;
        };
        return loadFastOrSafe(c, f, sub, "INTERACTION", cols, INTERACTION_COLUMNS, at, mapper);
    }

    // ------------------------------------------------------------------ helpers

    /** The cells of one row, read by column number; remembers the column last read for error positions. */
    private static final class Cells {
        final String[] values;
        private final int[] at;
        private final String[] names;
        /** The 0-based file position and the name of the column last read. */
        int column;
        String name;

        Cells(String[] values, int[] at, String[] names) {
            this.values = values;
            this.at = at;
            this.names = names;
        }

        String raw(int k) {
            column = at[k];
            name = names[k];
            return get(values, at[k]);
        }

        /** A custom attribute's cell, at its file position. */
        String attribute(int position, String attributeName) {
            column = position;
            name = attributeName;
            return get(values, position);
        }

        /** Null when the column is absent or the cell empty. */
        String opt(int k) {
            return Values.text(raw(k));
        }
    }

    @FunctionalInterface
    private interface RowMapper {
        Object[] map(Cells cells) throws Values.Bad;
    }

    /** Reads every row of a file into the upserter; a bad cell rejects its row (or ends the import). */
    private ImportResult.Counts load(CsvFile f, SubMonitor sub, Upserter up, String[] names, int[] at, RowMapper mapper)
            throws ImportException, SQLException, IOException {
        long before = rejected;
        Progress progress = new Progress(f, sub);
        CsvFile.Row row;
        while ((row = f.next()) != null) {
            progress.tick(row);
            Cells cells = new Cells(row.values(), at, names);
            try {
                up.add(mapper.map(cells));
            } catch (Values.Bad bad) {
                reject(f, row, cells.column, cells.name + ": " + bad.getMessage());
            }
        }
        up.flush();
        return new ImportResult.Counts(up.inserted(), up.updated(), rejected - before);
    }

    /**
     * Into an empty Derby table, a file goes in one statement fed by the parser ({@link BulkInsert}, Derby's
     * bulk insert over a {@link RowFeed}): no statement per row. A duplicate id in the file (or a non-empty table,
     * or a rejects report) takes the row-by-row upsert path instead. Either way the rows are checked alike.
     */
    private ImportResult.Counts loadFastOrSafe(Connection c, CsvFile f, SubMonitor sub, String table, List<Upserter.Column> cols,
            String[] names, int[] at, RowMapper mapper) throws ImportException, SQLException, IOException {
        if (db.isDerby() && rejects == null && isEmpty(c, table)) {
            inBulk = true;
            Long n = bulk(c, f, sub, table, cols, names, at, mapper);
            inBulk = false;
            touchedAll |= n != null;
            if (n != null) {
                return new ImportResult.Counts(n, 0, 0);
            }
            if (collector != null) {
                collector.invalidate(); // its rows of this file would be gathered twice
            }
            f = new CsvFile(f.path()); // a duplicate id: read the file again, upserting row by row
            opened.add(f);
        }
        try (Upserter up = new Upserter(c, table, cols, present(at), importSeq)) {
            return load(f, sub, up, names, at, mapper);
        }
    }

    private static boolean isEmpty(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            return !rs.next();
        }
    }

    /** The rows inserted, or null when the file repeats an id (nothing of it is kept then). */
    private Long bulk(Connection c, CsvFile f, SubMonitor sub, String table, List<Upserter.Column> cols, String[] names, int[] at,
            RowMapper mapper) throws ImportException, SQLException {
        List<String> names1 = new ArrayList<>(cols.stream().map(Upserter.Column::name).toList());
        names1.add("IMPORT_SEQ");
        Progress progress = new Progress(f, sub);
        java.util.Iterator<Object[]> rows = new java.util.Iterator<>() {
            private Object[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        CsvFile.Row row = f.next();
                        if (row != null) {
                            progress.tick(row);
                            Cells cells = new Cells(row.values(), at, names);
                            try {
                                Object[] mapped = mapper.map(cells);
                                next = java.util.Arrays.copyOf(mapped, mapped.length + 1);
                                next[mapped.length] = importSeq;
                            } catch (Values.Bad bad) {
                                throw new ImportException(f.name(), row.line(), cells.column + 1,
                                        cells.name + ": " + bad.getMessage());
                            }
                        }
                    } catch (ImportException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
                return next != null;
            }

            @Override
            public Object[] next() {
                Object[] r = next;
                next = null;
                return r;
            }
        };
        java.sql.Savepoint savepoint = c.setSavepoint();
        try {
            // The table is empty: its secondary indexes are built once after the load, faster than row by row.
            List<Map.Entry<String, String>> dropped = new ArrayList<>();
            for (Map.Entry<String, String> index : Database.indexesOf(table)) {
                if (BulkInsert.dropIndex(c, index.getKey())) {
                    dropped.add(index);
                }
            }
            long n = BulkInsert.insert(c, table, names1, rows);
            for (Map.Entry<String, String> index : dropped) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX " + index.getKey() + " ON " + index.getValue());
                }
            }
            return n;
        } catch (BulkInsert.FeedFailure e) {
            c.rollback(savepoint);
            if (e.getCause() instanceof ImportException ie) {
                throw ie;
            }
            throw e;
        } catch (RuntimeException e) {
            c.rollback(savepoint); // a cancel
            throw e;
        } catch (SQLException e) {
            c.rollback(savepoint);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException q && "23505".equals(q.getSQLState())) {
                    return null;
                }
            }
            throw e;
        }
    }

    private static String customer(String id, Set<String> known) throws Values.Bad {
        String customer = Values.required(id, "a customer id");
        if (!known.contains(customer)) {
            throw new Values.Bad("the id of a stored or imported customer", customer);
        }
        return customer;
    }

    private void reject(CsvFile f, CsvFile.Row row, int column, String problem) throws ImportException, IOException {
        ImportException e = new ImportException(f.name(), row.line(), column + 1, problem);
        if (rejects == null) {
            throw e;
        }
        rejected++;
        StringBuilder values = new StringBuilder();
        for (String s : row.values()) {
            values.append(values.isEmpty() ? "" : ",").append(s == null ? "" : s);
        }
        rejects.printRecord(f.name(), row.line(), column + 1, problem, values);
    }

    private static Upserter.Column col(String name) {
        return new Upserter.Column(name, Types.VARCHAR);
    }

    /** The file's position of each known column, -1 when absent. */
    private static int[] positions(CsvFile f, String[] columns) {
        int[] at = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            at[i] = f.column(columns[i]);
        }
        return at;
    }

    private static boolean[] present(int[] at) {
        boolean[] p = new boolean[at.length];
        for (int i = 0; i < at.length; i++) {
            p[i] = at[i] >= 0;
        }
        return p;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static String get(String[] v, int at) {
        return at < 0 ? null : v[at];
    }

    /** Reports progress by characters read and honours cancel, every 1000 rows. */
    private static final class Progress {
        private final SubMonitor sub;
        private final String name;
        private long rows;
        private long reported;

        Progress(CsvFile f, SubMonitor sub) {
            this.sub = sub;
            this.name = f.name();
            sub.subTask(name);
        }

        void tick(CsvFile.Row row) {
            if (++rows % 1000 == 0) {
                if (sub.isCanceled()) {
                    throw new OperationCanceledException();
                }
                long kb = row.charPosition() / 1024;
                if (kb > reported) {
                    sub.worked((int) (kb - reported));
                    reported = kb;
                }
                sub.subTask(name + ": " + rows + " rows");
            }
        }
    }
}
