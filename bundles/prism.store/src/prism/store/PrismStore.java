package prism.store;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import prism.engine.CustomerSource;
import prism.engine.RunResult;
import prism.store.internal.ColumnSnapshot;
import prism.store.internal.ColumnSnapshotWriter;
import prism.store.internal.SnapshotCollector;
import prism.store.internal.Database;
import prism.store.internal.Importer;
import prism.store.internal.RunEntity;
import prism.store.internal.RunSchemeEntity;
import prism.store.internal.RunWriter;
import prism.store.internal.StoreFacts;
import prism.store.internal.StoreSource;

/**
 * Prism's database: customers, orders, interactions, runs and their assignments, in EclipseLink JPA
 * over embedded Derby (or a PostgreSQL server). Bulk paths — import, run results, export — use JDBC
 * batches in one transaction each. One instance per database; thread-safe for reads.
 *
 * <p>Slightly over 500 lines because it is the store's whole public face (API 1.x, used by the CLI, the
 * workbench and the benchmark); the work behind each method lives in {@code internal} classes with one
 * job each ({@code StoreFacts}, {@code RunWriter}, {@code read.*}), so what remains here is delegation.
 */
public final class PrismStore implements AutoCloseable, prism.engine.RunStore {

    /** The export header, fixed: scripts depend on it. */
    public static final String[] EXPORT_HEADER = {"customer_id", "scheme", "class", "score", "explanation"};

    private final Database db;
    private final StoreFacts storeFacts;

    /** Where the store says what it did on its own (a damaged cache dropped, a database recovered): standard error on the command line. */
    private volatile java.util.function.Consumer<String> notices = message -> { };

    private PrismStore(Database db) {
        this.db = db;
        this.storeFacts = new StoreFacts(this, db, message -> notices.accept(message));
    }

    /** Opens (and on first use creates) the database. */
    public static PrismStore open(StoreConfig config) {
        return open(config, null);
    }

    /**
     * Opens (and on first use creates) the database, with the store's {@link #withNotices notices} going to
     * {@code notices} from the start: recovering a database after a killed process can take a minute.
     */
    public static PrismStore open(StoreConfig config, java.util.function.Consumer<String> notices) {
        java.util.function.Consumer<String> sink = notices == null ? message -> { } : notices;
        PrismStore store = new PrismStore(Database.open(config, sink)).withNotices(sink);
        store.removeLeftovers();
        return store;
    }

    /** The spill files of an import and the half-written derived files of a process that was killed. */
    private void removeLeftovers() {
        if (!db.config().isEmbedded()) {
            return;
        }
        java.nio.file.Path dir = db.config().derbyDirectory();
        try (var walk = java.nio.file.Files.walk(spillDirectory())) { // the database is ours now: no one else spills there
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // none, or left for the next time
        }
        try (var siblings = java.nio.file.Files.newDirectoryStream(dir.toAbsolutePath().getParent(),
                dir.getFileName() + "-*.tmp")) {
            for (java.nio.file.Path p : siblings) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // left for the next time
        }
    }

    /** Where imports spill rows for the column snapshot: beside the database. */
    private java.nio.file.Path spillDirectory() {
        java.nio.file.Path dir = db.config().derbyDirectory().toAbsolutePath();
        return dir.resolveSibling(dir.getFileName() + "-tmp");
    }

    /** Sends the store's notices (see {@link #notices}) to {@code sink}; returns this store. */
    public PrismStore withNotices(java.util.function.Consumer<String> sink) {
        this.notices = sink == null ? message -> { } : sink;
        return this;
    }

    public StoreConfig config() {
        return db.config();
    }

    /** For views that query entities. */
    public EntityManagerFactory entityManagerFactory() {
        return db.emf();
    }

    /**
     * Imports CSV files all or nothing (see {@link ImportRequest} for the report mode). An import into
     * an empty embedded database also writes the column snapshot of what it loaded, so that the first
     * full run need not read it all back from Derby.
     */
    public ImportResult importFiles(ImportRequest request, IProgressMonitor monitor) throws ImportException {
        Optional<java.nio.file.Path> file = columnSnapshotFile();
        SnapshotCollector collector = file.isPresent() && !request.dryRun() && request.rejectsReport() == null
                ? new SnapshotCollector(spillDirectory()) : null;
        try {
            ImportResult result = new Importer(db).collectInto(collector).run(request, monitor);
            if (collector != null && collector.valid()) {
                if (monitor != null) {
                    monitor.subTask("Writing the column snapshot");
                }
                try {
                    long seq = importSeq();
                    collector.write(file.get(), storeId(), seq, importToken(seq));
                } catch (IOException | RuntimeException e) {
                    // the first full run builds it from the database instead: slower, never wrong
                }
            }
            return result;
        } finally {
            if (collector != null) {
                collector.discard(); // its temporary file, whatever happened
            }
        }
    }

    /**
     * Every customer's facts for {@code asOf}: from the facts cache of the same date with only the
     * customers imported since recomputed (the schemes recompute ranks from all facts), or, with
     * {@code full} or without a usable cache, all of them (see {@link StoreFacts}).
     */
    @Override
    public FactsRun facts(java.time.LocalDate asOf, boolean full, IProgressMonitor monitor) {
        return storeFacts.facts(asOf, full, monitor);
    }

    /** The reads of the workbench's views. */
    public StoreQueries queries() {
        return new StoreQueries(db);
    }

    /** One customer with its custom attributes, or empty. */
    public Optional<prism.core.model.Customer> customer(String id) {
        return ((StoreSource) source()).customer(id);
    }

    /** The stored data, for a run. */
    public CustomerSource source() {
        return new StoreSource(db);
    }

    /** The stored data of some customers only (for an incremental run). */
    public CustomerSource source(java.util.Collection<String> customerIds) {
        return new StoreSource(db, customerIds);
    }

    /** The number of the last import (0 before the first). */
    public long importSeq() {
        try (Connection c = db.connection()) {
            return Importer.importSeq(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the import number: " + e.getMessage(), e);
        }
    }

    /**
     * The customers written by imports after {@code importSeq}: their rows, orders or interactions. The
     * three tables are scanned at once, on connections of their own.
     */
    public java.util.Set<String> changedSince(long importSeq) {
        List<String> queries = List.of("SELECT ID FROM CUSTOMER WHERE IMPORT_SEQ > ?",
                "SELECT CUSTOMER_ID FROM ORDERS WHERE IMPORT_SEQ > ?", "SELECT CUSTOMER_ID FROM INTERACTION WHERE IMPORT_SEQ > ?");
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        queries.parallelStream().forEach(sql -> {
                try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, importSeq);
                    ps.setFetchSize(10_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                } catch (SQLException e) {
                    throw new StoreException("cannot read what changed: " + e.getMessage(), e);
                }
        });
        return new java.util.HashSet<>(ids);
    }

    /**
     * The customers written by imports after {@code importSeq}, from the log the imports keep, or empty
     * when that is "all of them" (a load into empty tables, a very large import): then a full run is due.
     * Imports made before the log existed are found by scanning the tables ({@link #changedSince}).
     *
     * @since 1.1
     */
    public Optional<java.util.Set<String>> changedCustomers(long importSeq) {
        try (Connection c = db.connection()) {
            long from;
            try (PreparedStatement ps = c.prepareStatement("SELECT V FROM PRISM_META WHERE K = 'change.log.from'");
                    ResultSet rs = ps.executeQuery()) {
                from = rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
            if (importSeq + 1 < from) {
                return Optional.of(changedSince(importSeq));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT CUSTOMER_ID FROM PRISM_CHANGE WHERE IMPORT_SEQ > ?")) {
                ps.setLong(1, importSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (id.isEmpty()) {
                            return Optional.empty();
                        }
                        ids.add(id);
                    }
                }
            }
            return Optional.of(ids);
        } catch (SQLException e) {
            throw new StoreException("cannot read what changed: " + e.getMessage(), e);
        }
    }

    /** Builds the column snapshot now unless it is up to date (after an import, so that the next full run is fast). */
    public void refreshColumnSnapshot(IProgressMonitor monitor) {
        Optional<java.nio.file.Path> file = columnSnapshotFile();
        long seq = importSeq();
        long id = storeId();
        if (file.isPresent() && ColumnSnapshot.open(file.get(), id, this::importToken, notices).filter(x -> x.importSeq() == seq)
                .isEmpty()) {
            try {
                ColumnSnapshotWriter.build(db, file.get(), id, seq, importToken(seq), monitor);
            } catch (IOException | SQLException e) {
                throw new StoreException("cannot write the column snapshot " + file.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Where this database keeps its column snapshot (embedded only; empty for a server). */
    public Optional<java.nio.file.Path> columnSnapshotFile() {
        if (!db.config().isEmbedded()) {
            return Optional.empty();
        }
        java.nio.file.Path dir = db.config().derbyDirectory();
        return Optional.of(dir.resolveSibling(dir.getFileName() + "-columns.bin"));
    }

    /**
     * A random number naming this database, made on first use: files derived from it (the column
     * snapshot, the facts cache) are never taken for another database's, even one at the same path.
     */
    public long storeId() {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT V FROM PRISM_META WHERE K = 'store.id'");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
            long id = new java.security.SecureRandom().nextLong();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO PRISM_META (K, V) VALUES ('store.id', ?)")) {
                ps.setLong(1, id);
                ps.executeUpdate();
                return id;
            } catch (SQLException raced) { // another process made it first
                try (PreparedStatement ps = c.prepareStatement("SELECT V FROM PRISM_META WHERE K = 'store.id'");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store's id: " + e.getMessage(), e);
        }
    }

    /** The content token of an import (0 for one made before tokens), see {@link prism.engine.DerivedFiles}. */
    public long importToken(long seq) {
        return Importer.token(db, Importer.IMPORT_TOKEN_KEY + seq);
    }

    /** Where this database keeps its facts cache (embedded only; empty for a server). */
    public Optional<java.nio.file.Path> factsCacheFile() {
        if (!db.config().isEmbedded()) {
            return Optional.empty();
        }
        java.nio.file.Path dir = db.config().derbyDirectory();
        // Named by the store's id: a database deleted and made again at the same path never reads the old one's.
        return Optional.of(dir.resolveSibling(dir.getFileName() + "-facts-" + Long.toHexString(storeId()) + ".cache"));
    }

    public long countCustomers() {
        return count("CUSTOMER");
    }

    public long countOrders() {
        return count("ORDERS");
    }

    public long countInteractions() {
        return count("INTERACTION");
    }

    private long count(String table) {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a run in one transaction and returns its number. For each scheme the run is compared with
     * the scheme's last full run (through the results cache beside an embedded database): when at most
     * a third of the customers differ in class, score or explanation, only theirs are written and the
     * rest are read from that base run; otherwise every customer's is written and the run becomes the base.
     */
    @Override
    public int saveRun(RunResult result, IProgressMonitor monitor) {
        int schemes = result.schemes().size();
        if (schemes > MAX_SCHEMES_PER_RUN) { // three columns each: Derby takes 1,012 columns a table
            throw new StoreException("a run can store at most " + MAX_SCHEMES_PER_RUN + " schemes; this one has " + schemes
                    + ": run them in several runs");
        }
        int n = result.customerIds().size();
        List<String> ids = result.customerIds();
        SubMonitor sub = SubMonitor.convert(monitor, "Storing results", Math.max(1, schemes * (n / 1024 + 1)) + 10);
        Thread factsCache = storeFacts.startPendingFactsCache();
        try {
            return new RunWriter(db, notices).save(result, monitor, schemes, n, ids, sub, resultsCacheFile());
        } finally {
            prism.engine.Trace.mark("join facts cache writer");
            StoreFacts.join(factsCache);
            prism.engine.Trace.mark("facts cache written");
        }
    }

    /** The schemes one run's table has room for. */
    public static final int MAX_SCHEMES_PER_RUN = 300;

    /** Where this database keeps its results cache (embedded only; empty for a server). */
    public Optional<java.nio.file.Path> resultsCacheFile() {
        if (!db.config().isEmbedded()) {
            return Optional.empty();
        }
        java.nio.file.Path dir = db.config().derbyDirectory();
        return Optional.of(dir.resolveSibling(dir.getFileName() + "-results-" + Long.toHexString(storeId()) + ".cache"));
    }

    private static Map<String, String> parseLines(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s != null && !s.isEmpty()) {
            for (String line : s.split("\n")) {
                int eq = line.indexOf('=');
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** Every stored run, oldest first. */
    public List<RunInfo> runs() {
        EntityManager em = db.emf().createEntityManager();
        try {
            List<RunEntity> runs = em.createQuery("SELECT r FROM RunEntity r ORDER BY r.number", RunEntity.class).getResultList();
            List<RunSchemeEntity> schemes = em.createQuery(
                    "SELECT s FROM RunSchemeEntity s ORDER BY s.run, s.schemeId", RunSchemeEntity.class).getResultList();
            List<RunInfo> out = new ArrayList<>();
            for (RunEntity r : runs) {
                List<RunInfo.SchemeInfo> si = new ArrayList<>();
                for (RunSchemeEntity s : schemes) {
                    if (s.run == r.number) {
                        Map<String, Integer> counts = new LinkedHashMap<>();
                        parseLines(s.counts).forEach((k, v) -> counts.put(k, Integer.parseInt(v)));
                        si.add(new RunInfo.SchemeInfo(s.schemeId, s.schemeVersion, s.bundle, parseLines(s.settings), counts,
                                s.stored != null ? s.stored : counts.values().stream().mapToInt(Integer::intValue).sum(), s.baseRun,
                                prism.store.internal.ModelText.read(s.model)));
                    }
                }
                out.add(new RunInfo(r.number, r.asOf, r.createdAt, r.customers, si));
            }
            return out;
        } finally {
            em.close();
        }
    }

    /**
     * The explorer views saved in this database, by name.
     *
     * @since 1.4
     */
    public List<SavedView> savedViews() {
        return new prism.store.internal.SavedViews(db.emf()).list();
    }

    /**
     * Saves an explorer view under its name, replacing one of the same name.
     *
     * @throws StoreException when the name is blank or a part is too long
     * @since 1.4
     */
    public void saveView(SavedView view) {
        new prism.store.internal.SavedViews(db.emf()).save(view);
    }

    /**
     * Removes the saved view of that name; whether there was one.
     *
     * @since 1.4
     */
    public boolean deleteView(String name) {
        return new prism.store.internal.SavedViews(db.emf()).delete(name);
    }

    /**
     * The analysts' rule schemes stored in this database, versioned.
     *
     * @since 1.6
     */
    public RuleDocuments ruleDocuments() {
        return new RuleDocuments(db.emf());
    }

    public Optional<RunInfo> run(int number) {
        return runs().stream().filter(r -> r.number() == number).findFirst();
    }

    public Optional<RunInfo> latestRun() {
        List<RunInfo> all = runs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Writes a run's assignments as CSV {@code customer_id,scheme,class,score,explanation}, sorted by
     * customer and scheme; {@code schemes} empty means all of the run's schemes. Returns the row count.
     */
    public long export(int run, Collection<String> schemes, Writer out) throws IOException {
        List<String> chosen = new ArrayList<>();
        for (RunInfo.SchemeInfo si : run(run).map(RunInfo::schemes).orElse(List.of())) {
            if (schemes.isEmpty() || schemes.contains(si.schemeId())) {
                chosen.add(si.schemeId());
            }
        }
        StoreQueries q = queries();
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        // The scheme as a VARCHAR literal: Derby cannot type a parameter in a select list, and would pad CHAR literals.
        for (int k = 0; k < chosen.size(); k++) {
            parts.add("SELECT a.CUSTOMER_ID, CAST('" + chosen.get(k).replace("'", "''") + "' AS VARCHAR(128)) AS SCHEME_ID, a.CLASS_ID, a.SCORE, "
                    + "a.EXPLANATION FROM "
                    + q.rowsOf(run, chosen.get(k), params) + " a");
        }
        if (parts.isEmpty()) { // no such run or scheme: only the header
            parts.add("SELECT CUSTOMER_ID, SCHEME_ID, CLASS_ID, SCORE, EXPLANATION FROM ASSIGNMENT WHERE 1 = 0");
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") x ORDER BY 1, 2";
        long rows = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            StoreQueries.bind(ps, params);
            ps.setFetchSize(10_000);
            CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(EXPORT_HEADER).setRecordSeparator('\n').get());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double score = rs.getDouble(4);
                    String scoreText = rs.wasNull() ? "" : formatScore(score);
                    p.printRecord(rs.getString(1), rs.getString(2), rs.getString(3), scoreText, StoreQueries.text(rs, 5));
                    rows++;
                }
            }
            p.flush();
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot export run " + run + ": " + e.getMessage(), e);
        }
    }

    private static String formatScore(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The class of each customer in one scheme of one run (customer id → class id). */
    public Map<String, String> classes(int run, String scheme) {
        Map<String, String> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String rows = queries().rowsOf(run, scheme, params);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT a.CUSTOMER_ID, a.CLASS_ID FROM " + rows + " a ORDER BY a.CUSTOMER_ID")) {
            StoreQueries.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
            return m;
        } catch (SQLException e) {
            throw new StoreException("cannot read run " + run + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        StoreFacts.join(storeFacts.startPendingFactsCache()); // facts computed but no run stored: still worth the next run's time
        db.close();
    }
}
