package prism.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import prism.engine.CustomerSource;
import prism.store.PrismStore;
import prism.store.StoreException;

/**
 * Every customer's facts for a run of a {@link PrismStore}: from the facts cache with the customers
 * imported since recomputed, from the column snapshot, or through JDBC; and the facts cache kept for the
 * next run (its writing left to happen beside the storing of the run, and the cache held softly in memory
 * for the next run in the same process).
 */
public final class StoreFacts {

    private final PrismStore store;
    private final Database db;
    private final java.util.function.Consumer<String> notices;

    public StoreFacts(PrismStore store, Database db, java.util.function.Consumer<String> notices) {
        this.store = store;
        this.db = db;
        this.notices = notices;
    }

    /**
     * Every customer's facts for {@code asOf}: from the facts cache of the same date with only the
     * customers imported since recomputed (the schemes recompute ranks from all facts), or, with
     * {@code full} or without a usable cache, all of them. The cache is written for the next run.
     */
    public prism.engine.RunStore.FactsRun facts(java.time.LocalDate asOf, boolean full, IProgressMonitor monitor) {
        long seq = store.importSeq();
        Optional<java.nio.file.Path> cacheFile = store.factsCacheFile();
        HeldFacts before = held.get();
        Optional<prism.engine.FactsCache.Loaded> cached = full ? Optional.empty()
                : cacheFile.flatMap(this::loadFactsCache)
                        .filter(l -> l.snapshot().asOf().equals(asOf) && l.snapshot().importSeq() <= seq);
        List<prism.core.facts.Facts> facts;
        List<prism.core.facts.Facts> fresh = List.of();
        String how;
        Optional<java.util.Set<String>> changedOrAll = cached.isPresent() ? store.changedCustomers(cached.get().snapshot().importSeq())
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
        return new prism.engine.RunStore.FactsRun(facts, how);
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
                    store.importToken(next.importSeq()));
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
        Optional<prism.engine.FactsCache.Loaded> loaded = prism.engine.FactsCache.load(file, store::importToken, notices);
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
    public synchronized Thread startPendingFactsCache() {
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

    public static void join(Thread t) {
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
        Optional<java.nio.file.Path> file = store.columnSnapshotFile();
        if (file.isPresent()) {
            long id = store.storeId();
            Optional<ColumnSnapshot> any = ColumnSnapshot.open(file.get(), id, store::importToken, notices);
            Optional<ColumnSnapshot> snap = any.filter(s -> s.importSeq() == seq);
            if (snap.isEmpty() && !rebuild) {
                Optional<ColumnSnapshot> older = any.filter(o -> o.importSeq() < seq);
                Optional<java.util.Set<String>> changed = older.flatMap(o -> store.changedCustomers(o.importSeq()))
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
                    snap = Optional.of(ColumnSnapshotWriter.build(db, file.get(), id, seq, store.importToken(seq), sub.split(8)));
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
        return prism.engine.RunEngine.computeFacts(store.source(), asOf, sub.split(10));
    }
}
