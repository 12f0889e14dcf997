package prism.store;

import java.io.IOException;
import java.io.Writer;
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

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import prism.engine.CustomerSource;
import prism.engine.RunResult;
import prism.store.internal.ClassOrder;
import prism.store.internal.ColumnSnapshot;
import prism.store.internal.ResultsCache;
import prism.store.internal.Database;
import prism.store.internal.BulkInsert;
import prism.store.internal.Importer;
import prism.store.internal.RunEntity;
import prism.store.internal.RunSchemeEntity;
import prism.store.internal.StoreSource;

/**
 * Prism's database: customers, orders, interactions, runs and their assignments, in EclipseLink JPA
 * over embedded Derby (or a PostgreSQL server). Bulk paths — import, run results, export — use JDBC
 * batches in one transaction each. One instance per database; thread-safe for reads.
 */
public final class PrismStore implements AutoCloseable, prism.engine.RunStore {

    /** The export header, fixed: scripts depend on it. */
    public static final String[] EXPORT_HEADER = {"customer_id", "scheme", "class", "score", "explanation"};

    private final Database db;
    /** Where the store says what it did on its own (a damaged cache dropped, a database recovered): standard error on the command line. */
    private volatile java.util.function.Consumer<String> notices = message -> { };

    private PrismStore(Database db) {
        this.db = db;
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
        ColumnSnapshot.Collector collector = file.isPresent() && !request.dryRun() && request.rejectsReport() == null
                ? new ColumnSnapshot.Collector(spillDirectory()) : null;
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

    /**
     * Every customer's facts for {@code asOf}: from the facts cache of the same date with only the
     * customers imported since recomputed (the schemes recompute ranks from all facts), or, with
     * {@code full} or without a usable cache, all of them. The cache is written for the next run.
     */
    @Override
    public FactsRun facts(java.time.LocalDate asOf, boolean full, IProgressMonitor monitor) {
        long seq = importSeq();
        Optional<java.nio.file.Path> cacheFile = factsCacheFile();
        HeldFacts before = held.get();
        Optional<prism.engine.FactsCache.Loaded> cached = full ? Optional.empty()
                : cacheFile.flatMap(this::loadFactsCache)
                        .filter(l -> l.snapshot().asOf().equals(asOf) && l.snapshot().importSeq() <= seq);
        List<prism.core.facts.Facts> facts;
        List<prism.core.facts.Facts> fresh = List.of();
        String how;
        Optional<java.util.Set<String>> changedOrAll = cached.isPresent() ? changedCustomers(cached.get().snapshot().importSeq())
                : Optional.empty();
        if (cached.isPresent() && changedOrAll.isEmpty()) {
            cached = Optional.empty(); // everything changed: a full run
        }
        if (cached.isEmpty()) { // a full run: the facts held since the last run would only crowd the heap while it runs
            before = null;
            held = new java.lang.ref.SoftReference<>(null);
        }
        if (cached.isPresent()) {
            java.util.Set<String> changed = changedOrAll.get();
            fresh = changed.isEmpty() ? List.of()
                    : prism.engine.RunEngine.computeFacts(changedSource(changed, cached.get().snapshot()), asOf, monitor);
            facts = prism.engine.FactsCache.merge(cached.get().snapshot().facts(), fresh);
            boolean inMemory = before != null && cached.get() == before.loaded();
            how = String.format(java.util.Locale.ROOT, "incremental: %,d customers recomputed%s", changed.size(),
                    inMemory ? ", the others' facts kept in memory since the last run" : "");
        } else {
            facts = allFacts(asOf, seq, full, monitor);
            how = "full";
        }
        if (cacheFile.isPresent()) {
            prism.engine.FactsCache.Snapshot next = new prism.engine.FactsCache.Snapshot(asOf, seq, facts);
            if (cached.isPresent()) { // only the changes, while they are few: milliseconds
                saveFactsCache(cacheFile.get(), next, cached.get(), fresh);
            } else {
                // All customers: seconds of encoding, done while the run is stored (see saveRun)
                synchronized (this) {
                    pendingFactsCache = () -> saveFactsCache(cacheFile.get(), next, null, null);
                }
            }
        }
        return new FactsRun(facts, how);
    }

    /**
     * The rows of the customers imports wrote since {@code cached} was made. When none of those imports
     * may have written customers' own rows (only orders and interactions), their customer records are the
     * cached facts' own, and only their orders and interactions are read: probing the customer tables for
     * ten thousand ids was a third of an incremental run's reading.
     */
    private CustomerSource changedSource(java.util.Set<String> changed, prism.engine.FactsCache.Snapshot cached) {
        StoreSource rows = new StoreSource(db, changed);
        java.util.OptionalLong written;
        try (Connection c = db.connection()) {
            written = Importer.customersSeq(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read what changed: " + e.getMessage(), e);
        }
        if (written.isEmpty() || written.getAsLong() > cached.importSeq()) {
            return rows;
        }
        List<prism.core.model.Customer> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<prism.core.facts.Facts> facts = cached.facts();
        for (String id : changed) {
            int at = prism.engine.FactsCache.indexOf(facts, id); // a miss is read from the database
            if (at >= 0) {
                known.add(facts.get(at).customer());
            } else {
                unknown.add(id);
            }
        }
        return new CustomerSource() {
            @Override
            public void customers(java.util.function.Consumer<prism.core.model.Customer> sink) {
                known.forEach(sink);
                if (!unknown.isEmpty()) {
                    new StoreSource(db, unknown).customers(sink);
                }
            }

            @Override
            public void orders(java.time.LocalDate asOf, java.util.function.Consumer<prism.core.model.Order> sink) {
                rows.orders(asOf, sink);
            }

            @Override
            public void interactions(java.time.LocalDate asOf, java.util.function.Consumer<prism.core.model.Interaction> sink) {
                rows.interactions(asOf, sink);
            }
        };
    }

    /** Writing every customer's facts, left for {@link #saveRun} to do beside Derby, or for {@link #close}. */
    private Runnable pendingFactsCache;

    private void saveFactsCache(java.nio.file.Path file, prism.engine.FactsCache.Snapshot next,
            prism.engine.FactsCache.Loaded loaded, List<prism.core.facts.Facts> fresh) {
        try {
            prism.engine.FactsCache.Loaded now = prism.engine.FactsCache.saveAndKeep(file, next, loaded, fresh,
                    importToken(next.importSeq()));
            held = new java.lang.ref.SoftReference<>(new HeldFacts(file, factsFileState(file), now));
        } catch (IOException | RuntimeException e) {
            held = new java.lang.ref.SoftReference<>(null); // without a cache the next run is a full one: slower, never wrong
        }
    }

    /**
     * The facts cache as this store last read or wrote it, and the state of its files then: the next run in
     * the same process (the workbench's) takes it from memory instead of decoding a million customers again,
     * as long as the files are as they were. Held softly: the collector drops it before memory runs short.
     */
    private record HeldFacts(java.nio.file.Path file, List<Object> state, prism.engine.FactsCache.Loaded loaded) {
    }

    private volatile java.lang.ref.SoftReference<HeldFacts> held = new java.lang.ref.SoftReference<>(null);

    private Optional<prism.engine.FactsCache.Loaded> loadFactsCache(java.nio.file.Path file) {
        List<Object> state = factsFileState(file); // before reading: a write meanwhile makes the next check fail
        HeldFacts h = held.get();
        if (h != null && h.file().equals(file) && h.state().equals(state)) {
            return Optional.of(h.loaded());
        }
        Optional<prism.engine.FactsCache.Loaded> loaded = prism.engine.FactsCache.load(file, this::importToken, notices);
        held = new java.lang.ref.SoftReference<>(loaded.map(l -> new HeldFacts(file, state, l)).orElse(null));
        return loaded;
    }

    /** Size, time and identity of the cache's two files (-1 for one that is absent): any write changes them. */
    private static List<Object> factsFileState(java.nio.file.Path file) {
        List<Object> state = new ArrayList<>();
        for (java.nio.file.Path p : List.of(file, prism.engine.FactsCache.changesFile(file))) {
            try {
                var a = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                state.add(a.size());
                state.add(a.lastModifiedTime());
                state.add(String.valueOf(a.fileKey()));
            } catch (IOException e) {
                state.add(-1L);
            }
        }
        return state;
    }

    /**
     * Starts writing the facts cache of the last {@link #facts} call, if any, on a thread of its own:
     * storing a run keeps one core busy in Derby, the encoding takes the other.
     */
    private synchronized Thread startPendingFactsCache() {
        Runnable r = pendingFactsCache;
        pendingFactsCache = null;
        if (r == null) {
            return null;
        }
        Thread t = new Thread(r, "Prism facts cache");
        t.setDaemon(false); // a JVM that exits waits for it: never half a cache (it is written aside and moved anyway)
        t.start();
        return t;
    }

    private static void join(Thread t) {
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Every customer's facts from the column snapshot, or through JDBC for a server or when the
     * snapshot cannot be written. A snapshot from before the last imports serves as it is, with the
     * customers those imports wrote read from the database (a run for a new as-of date after a small
     * import: seconds instead of reading back the whole snapshot); when they are many, or with
     * {@code rebuild}, the snapshot is first read back from the database.
     */
    private List<prism.core.facts.Facts> allFacts(java.time.LocalDate asOf, long seq, boolean rebuild, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, 10);
        Optional<java.nio.file.Path> file = columnSnapshotFile();
        if (file.isPresent()) {
            long id = storeId();
            Optional<ColumnSnapshot> any = ColumnSnapshot.open(file.get(), id, this::importToken, notices);
            Optional<ColumnSnapshot> snap = any.filter(s -> s.importSeq() == seq);
            if (snap.isEmpty() && !rebuild) {
                Optional<ColumnSnapshot> older = any.filter(o -> o.importSeq() < seq);
                Optional<java.util.Set<String>> changed = older.flatMap(o -> changedCustomers(o.importSeq()))
                        .filter(c -> c.size() <= Math.max(1_000, older.get().customers() / 20));
                if (changed.isPresent()) {
                    List<prism.core.facts.Facts> before = older.get().facts(asOf, sub.split(6));
                    List<prism.core.facts.Facts> fresh = prism.engine.RunEngine.computeFacts(changedSource(changed.get(),
                            new prism.engine.FactsCache.Snapshot(asOf, older.get().importSeq(), before)), asOf, sub.split(4));
                    return prism.engine.FactsCache.merge(before, fresh);
                }
            }
            if (snap.isEmpty()) {
                try {
                    snap = Optional.of(ColumnSnapshot.build(db, file.get(), id, seq, importToken(seq), sub.split(8)));
                } catch (IOException | SQLException e) {
                    snap = Optional.empty(); // read through JDBC instead: slower, never wrong
                }
            }
            if (snap.isPresent()) {
                prism.engine.Trace.mark("facts from the column snapshot");
                sub.setWorkRemaining(2);
                try {
                    return snap.get().facts(asOf, sub.split(2));
                } catch (RuntimeException e) { // checksums passed, yet it does not read: never trusted again
                    if (e instanceof org.eclipse.core.runtime.OperationCanceledException) {
                        throw e;
                    }
                    notices.accept("the column snapshot " + file.get() + " cannot be read (" + e
                            + "): dropped; the facts are read from the database");
                    prism.engine.DerivedFiles.drop(file.get());
                }
            }
        }
        return prism.engine.RunEngine.computeFacts(source(), asOf, sub.split(10));
    }

    /** Builds the column snapshot now unless it is up to date (after an import, so that the next full run is fast). */
    public void refreshColumnSnapshot(IProgressMonitor monitor) {
        Optional<java.nio.file.Path> file = columnSnapshotFile();
        long seq = importSeq();
        long id = storeId();
        if (file.isPresent() && ColumnSnapshot.open(file.get(), id, this::importToken, notices).filter(x -> x.importSeq() == seq)
                .isEmpty()) {
            try {
                ColumnSnapshot.build(db, file.get(), id, seq, importToken(seq), monitor);
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
        return metaToken(Importer.IMPORT_TOKEN_KEY + seq);
    }

    /** One token of the content tokens of these runs: what the results cache of their hashes is sealed with. */
    long runsToken(java.util.Collection<Integer> runs) {
        long t = 0x9E3779B97F4A7C15L;
        for (int r : new java.util.TreeSet<>(runs)) {
            t = (t ^ metaToken(Importer.RUN_TOKEN_KEY + r)) * 0x100000001B3L + r;
        }
        return t;
    }

    private long metaToken(String key) {
        try (Connection c = db.connection()) {
            return Importer.token(c, key);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database's content token: " + e.getMessage(), e);
        }
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
        Thread factsCache = startPendingFactsCache();
        try {
            return saveRun(result, monitor, schemes, n, ids, sub);
        } finally {
            prism.engine.Trace.mark("join facts cache writer");
            join(factsCache);
            prism.engine.Trace.mark("facts cache written");
        }
    }

    private int saveRun(RunResult result, IProgressMonitor monitor, int schemes, int n, List<String> ids, SubMonitor sub) {
        Optional<java.nio.file.Path> cacheFile = resultsCacheFile();
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
                        + "BUNDLE, SETTINGS, COUNTS, BASE_RUN, STORED, ROWS_TABLE, ROWS_COLUMN) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

    /** The schemes one run's table has room for. */
    public static final int MAX_SCHEMES_PER_RUN = 300;

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

    /** Where this database keeps its results cache (embedded only; empty for a server). */
    public Optional<java.nio.file.Path> resultsCacheFile() {
        if (!db.config().isEmbedded()) {
            return Optional.empty();
        }
        java.nio.file.Path dir = db.config().derbyDirectory();
        return Optional.of(dir.resolveSibling(dir.getFileName() + "-results-" + Long.toHexString(storeId()) + ".cache"));
    }

    private static String lines(Map<String, ?> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
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
                                s.stored != null ? s.stored : counts.values().stream().mapToInt(Integer::intValue).sum(), s.baseRun));
                    }
                }
                out.add(new RunInfo(r.number, r.asOf, r.createdAt, r.customers, si));
            }
            return out;
        } finally {
            em.close();
        }
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
        join(startPendingFactsCache()); // facts computed but no run stored: still worth the next run's time
        db.close();
    }
}
