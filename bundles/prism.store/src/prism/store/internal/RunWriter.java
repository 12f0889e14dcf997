package prism.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import prism.engine.RunResult;
import prism.store.StoreException;

/**
 * Stores a run in one transaction: each scheme's rows compared with its last full run through the
 * results cache, only the changed ones written when they are few, into a table of the run's own loaded
 * in bulk, with the class orders the explorer sorts by; the content token of the run written with it.
 */
public final class RunWriter {

    private final Database db;
    private final java.util.function.Consumer<String> notices;

    public RunWriter(Database db, java.util.function.Consumer<String> notices) {
        this.db = db;
        this.notices = notices;
    }

    /** One token of the content tokens of these runs: what the results cache of their hashes is sealed with. */
    public long runsToken(java.util.Collection<Integer> runs) {
        long t = 0x9E3779B97F4A7C15L;
        for (int r : new java.util.TreeSet<>(runs)) {
            t = (t ^ Importer.token(db, Importer.RUN_TOKEN_KEY + r)) * 0x100000001B3L + r;
        }
        return t;
    }

    /**
     * Stores {@code result} as the next run and returns its number; {@code cacheFile} is the results cache
     * beside an embedded database (empty for a server: every row is written).
     */
    public int save(RunResult result, IProgressMonitor monitor, int schemes, int n, List<String> ids, SubMonitor sub,
            Optional<java.nio.file.Path> cacheFile) {
        prism.engine.Trace.mark("read results cache");
        Optional<ResultsCache> cache = cacheFile.flatMap(f -> ResultsCache.read(f, this::runsToken, notices));
        prism.engine.Trace.mark("results cache read");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int number;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(NUM) FROM RUN")) {
                    rs.next();
                    number = rs.getInt(1) + 1;
                }
                // The run's rows go into a table of its own, created empty in this transaction: Derby loads an
                // empty table in bulk (no row-by-row logging) and builds its key index by one sort. One row a
                // customer with every scheme's columns: a million keys to sort, not six million.
                String rowsTable = "RUN_RESULTS_" + number;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO RUN (NUM, AS_OF, CREATED_AT, CUSTOMERS, ROWS_TABLE) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setInt(1, number);
                    ps.setDate(2, java.sql.Date.valueOf(result.asOf()));
                    ps.setTimestamp(3, java.sql.Timestamp.valueOf(LocalDateTime.now().withNano(0)));
                    ps.setInt(4, n);
                    ps.setNull(5, Types.VARCHAR); // its schemes name the table and their columns (RUN_SCHEME)
                    ps.executeUpdate();
                }
                // Per scheme: the rows' hashes, the base run and which rows to write. The texts stay in the
                // result's compact form and are copied out as UTF-8 one row at a time, as the rows are written.
                long[][] hashes = new long[schemes][];
                boolean[][] write = new boolean[schemes][];
                Integer[] bases = new Integer[schemes];
                int[] stored = new int[schemes];
                Map<String, ResultsCache.Base> nextBases = new LinkedHashMap<>();
                for (int k = 0; k < schemes; k++) {
                    RunResult.SchemeResult r = result.schemes().get(k);
                    long[] h = new long[n];
                    // In chunks, each with one buffer for the texts: a million hashes need no array each
                    java.util.stream.IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
                        byte[][] buffer = {new byte[1024]};
                        for (int i = chunk * 4096, end = Math.min(n, i + 4096); i < end; i++) {
                            int length = r.explanations().utf8(i, buffer);
                            h[i] = length <= 2000 ? ResultsCache.hash(r.classIds()[i], r.scores()[i], buffer[0], length)
                                    : ResultsCache.hash(r.classIds()[i], r.scores()[i], explanationBytes(r, i));
                        }
                    });
                    hashes[k] = h;
                    prism.engine.Trace.mark("hashed " + r.schemeId());
                    Integer base = lastFullRun(c, r.schemeId()); // null too when stored before runs had a table of columns
                    Optional<long[]> old = base == null ? Optional.empty()
                            : cache.flatMap(x -> x.aligned(r.schemeId(), base, ids));
                    boolean[] w = new boolean[n];
                    int changed = 0;
                    for (int i = 0; i < n; i++) {
                        w[i] = old.isEmpty() || old.get()[i] != h[i];
                        changed += w[i] ? 1 : 0;
                    }
                    if (old.isEmpty() || changed > n / 3) { // a full run: the next runs compare against this one
                        java.util.Arrays.fill(w, true);
                        changed = n;
                        bases[k] = null;
                        nextBases.put(r.schemeId(), new ResultsCache.Base(number, h));
                    } else {
                        bases[k] = base;
                        nextBases.put(r.schemeId(), new ResultsCache.Base(base, old.get()));
                    }
                    write[k] = w;
                    stored[k] = changed;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO RUN_SCHEME (RUN_NUM, SCHEME_ID, SCHEME_VERSION, "
                        + "BUNDLE, SETTINGS, COUNTS, BASE_RUN, STORED, ROWS_TABLE, ROWS_COLUMN, MODEL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int k = 0; k < schemes; k++) {
                        RunResult.SchemeResult r = result.schemes().get(k);
                        ps.setInt(1, number);
                        ps.setString(2, r.schemeId());
                        ps.setString(3, r.schemeVersion());
                        ps.setString(4, r.bundle());
                        ps.setString(5, lines(r.settings()));
                        ps.setString(6, lines(r.counts()));
                        if (bases[k] == null) {
                            ps.setNull(7, Types.INTEGER);
                        } else {
                            ps.setInt(7, bases[k]);
                        }
                        ps.setInt(8, stored[k]);
                        ps.setString(9, rowsTable);
                        ps.setInt(10, k + 1);
                        ps.setString(11, ModelText.write(r.model()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + rowsTable + resultsColumns(schemes));
                }
                List<String> cols = new ArrayList<>(List.of("CUSTOMER_ID"));
                for (int k = 1; k <= schemes; k++) {
                    cols.addAll(List.of("C" + k, "S" + k, "E" + k));
                }
                // A customer's row holds the schemes written for it (the others' columns null); a customer no
                // scheme writes has no row.
                java.util.Iterator<Object[]> rows = new java.util.Iterator<>() {
                    private int i = next(0);

                    private int next(int from) {
                        for (; from < n; from++) {
                            if ((from & 1023) == 0) {
                                sub.worked(schemes);
                                if (sub.isCanceled()) {
                                    throw new OperationCanceledException();
                                }
                            }
                            for (int k = 0; k < schemes; k++) {
                                if (write[k][from]) {
                                    return from;
                                }
                            }
                        }
                        return n;
                    }

                    @Override
                    public boolean hasNext() {
                        return i < n;
                    }

                    @Override
                    public Object[] next() {
                        if (i >= n) {
                            throw new java.util.NoSuchElementException();
                        }
                        Object[] row = new Object[1 + 3 * schemes];
                        row[0] = ids.get(i);
                        for (int k = 0; k < schemes; k++) {
                            if (write[k][i]) {
                                RunResult.SchemeResult r = result.schemes().get(k);
                                row[1 + 3 * k] = r.classIds()[i];
                                row[2 + 3 * k] = Double.isNaN(r.scores()[i]) ? null : r.scores()[i];
                                row[3 + 3 * k] = explanationBytes(r, i);
                            }
                        }
                        i = next(i + 1);
                        return row;
                    }
                };
                prism.engine.Trace.mark("bulk insert");
                BulkInsert.load(c, db.isDerby(), rowsTable, resultsTemplate(c, schemes), cols, rows); // Derby: one statement
                if (db.isDerby()) { // the explorer's sort by a class, made while the classes are at hand
                    sub.subTask("Storing the class orders");
                    java.sql.Savepoint beforeOrder = c.setSavepoint();
                    try {
                        prism.engine.Trace.mark("class order");
                        java.util.Set<String> shared = new java.util.HashSet<>();
                        for (int k = 0; k < schemes; k++) { // nothing stored: its base run's order is this run's
                            if (bases[k] != null && stored[k] == 0) {
                                shared.add(result.schemes().get(k).schemeId());
                            }
                        }
                        ClassOrder.write(c, number, result, shared);
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(beforeOrder); // without it the explorer sorts in the database: slower, never wrong
                    }
                }
                prism.engine.Trace.mark("commit");
                Importer.putMeta(c, Importer.RUN_TOKEN_KEY + number, Importer.newToken());
                c.commit();
                prism.engine.Trace.mark("results cache");
                if (cacheFile.isPresent()) {
                    // Schemes not in this run keep their entry when the customers are the same.
                    cache.filter(x -> x.ids().equals(ids)).ifPresent(x -> x.bases().forEach(nextBases::putIfAbsent));
                    try {
                        ResultsCache next = new ResultsCache(ids, nextBases);
                        next.write(cacheFile.get(), runsToken(next.baseRuns()));
                    } catch (IOException e) {
                        // without it the next run is stored in full: more to write, never wrong
                    }
                }
                return number;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException lost) { // Derby closes the connection on severe errors: keep the cause
                    e.addSuppressed(lost);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the run: " + e.getMessage(), e);
        }
    }

    /**
     * The columns of a run's table: the customer, then per scheme k its class Ck, score Sk and explanation Ek
     * (UTF-8 bytes, which Derby stores many times faster than text).
     */
    private String resultsColumns(int schemes) {
        StringBuilder sb = new StringBuilder(" (CUSTOMER_ID VARCHAR(64) NOT NULL PRIMARY KEY");
        for (int k = 1; k <= schemes; k++) {
            sb.append(", C").append(k).append(" VARCHAR(64), S").append(k).append(" DOUBLE PRECISION, E").append(k)
                    .append(db.isDerby() ? " VARCHAR(8000) FOR BIT DATA" : " BYTEA");
        }
        return sb.append(')').toString();
    }

    /**
     * An empty table with the columns of a run of that many schemes, whose types Derby's table function for
     * loading such runs takes (one function for all runs of a width); null on a server, loaded by JDBC batches.
     */
    private String resultsTemplate(Connection c, int schemes) throws SQLException {
        return db.isDerby() ? BulkInsert.template(c, "RUN_RESULTS_W" + schemes, resultsColumns(schemes)) : null;
    }

    /** Customer i's explanation as stored, in UTF-8: at most 2,000 characters, as the text column held. */
    private static byte[] explanationBytes(RunResult.SchemeResult r, int i) {
        byte[] b = r.explanations().utf8(i);
        return b.length <= 2000 ? b : explanation(r, i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Customer i's explanation as stored: the column holds 2,000 characters. */
    private static String explanation(RunResult.SchemeResult r, int i) {
        String w = r.explanations().get(i);
        return w.length() > 2000 ? w.substring(0, 1997) + "..." : w;
    }

    /**
     * The scheme's latest run stored in full, or null; null too when that run's rows share a table with other
     * runs' or are told apart by scheme (stored by an earlier version, explanations as text), so that a run
     * and its base agree in layout.
     */
    private static Integer lastFullRun(Connection c, String scheme) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RUN_NUM, ROWS_COLUMN FROM RUN_SCHEME WHERE SCHEME_ID = ? "
                + "AND BASE_RUN IS NULL ORDER BY RUN_NUM DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int run = rs.getInt(1);
                rs.getInt(2);
                return rs.wasNull() ? null : run;
            }
        }
    }

    private static String lines(Map<String, ?> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }
}
