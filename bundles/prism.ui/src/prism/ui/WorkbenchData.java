package prism.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeRegistry;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Settings;
import prism.store.PrismStore;
import prism.store.RunInfo;
import prism.store.StoreConfig;

/**
 * The workbench's shared state: the open database, the installed schemes, the latest run, and the
 * events views listen to. Views and scheme UI bundles reach it through {@link #get()}. Listeners are
 * called on the UI thread.
 */
public final class WorkbenchData {

    /** What changed. */
    public enum Change {
        /** Customers, orders or interactions were imported. */
        DATA,
        /** A run was stored. */
        RUNS,
        /** A scheme came or went. */
        SCHEMES,
        /** Another database was opened. */
        DATABASE
    }

    public static final String PREF_DB_MODE = "db.mode";
    public static final String PREF_DB_PATH = "db.path";
    public static final String PREF_DB_URL = "db.url";
    public static final String PREF_DB_USER = "db.user";
    /** Set to a directory to use that Derby database whatever the preferences say (tests, demos). */
    public static final String DB_PROPERTY = "prism.db";

    private static WorkbenchData instance;

    private final ServiceTracker<SchemeRegistry, SchemeRegistry> tracker;
    private final ServiceTracker<prism.engine.ClassificationService, prism.engine.ClassificationService> engine;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Runnable schemesChanged = () -> fire(Change.SCHEMES);
    private PrismStore store;
    private volatile Optional<RunInfo> latestRun;
    private volatile long generation;

    private WorkbenchData() {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(WorkbenchData.class).getBundleContext(), SchemeRegistry.class, null);
        tracker.open();
        engine = new ServiceTracker<>(FrameworkUtil.getBundle(WorkbenchData.class).getBundleContext(),
                prism.engine.ClassificationService.class, null);
        engine.open();
    }

    /** The process's classification service (waits for it a little at start-up). */
    public prism.engine.ClassificationService classification() {
        try {
            prism.engine.ClassificationService s = engine.waitForService(10_000);
            if (s == null) {
                throw new IllegalStateException("the classification service (bundle prism.engine) is not running");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the classification service", e);
        }
    }

    public static synchronized WorkbenchData get() {
        if (instance == null) {
            instance = new WorkbenchData();
        }
        return instance;
    }

    /** The installed schemes (never null: waits for the registry service a little at start-up). */
    public SchemeRegistry registry() {
        try {
            SchemeRegistry r = tracker.waitForService(10_000);
            if (r == null) {
                throw new IllegalStateException("the scheme registry service is not running");
            }
            synchronized (this) {
                if (!registryListening) {
                    r.addListener(schemesChanged);
                    registryListening = true;
                }
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean registryListening;

    public List<InstalledScheme> schemes() {
        return registry().schemes();
    }

    /** The database from the preferences (or the {@code prism.db} system property). */
    public static StoreConfig configuredStore() {
        String forced = System.getProperty(DB_PROPERTY);
        if (forced != null) {
            return StoreConfig.derby(Path.of(forced));
        }
        IEclipsePreferences p = InstanceScope.INSTANCE.getNode(PrismUI.PLUGIN_ID);
        if ("server".equals(p.get(PREF_DB_MODE, "embedded"))) {
            return StoreConfig.server(p.get(PREF_DB_URL, ""), p.get(PREF_DB_USER, null), System.getenv("PRISM_DB_PASSWORD"));
        }
        String path = p.get(PREF_DB_PATH, "");
        return StoreConfig.derby(path.isBlank() ? StoreConfig.defaultDerbyDirectory() : Path.of(path));
    }

    /**
     * The open database, opened on first use (it may take seconds: call from a job). Its rule schemes are
     * then installed schemes, registered outside the lock since the registry's listeners may read back.
     */
    public PrismStore store() {
        PrismStore opened = null;
        synchronized (this) {
            if (store == null) {
                store = opened = PrismStore.open(configuredStore());
            }
            if (opened == null) {
                return store;
            }
        }
        installRuleSchemes(opened);
        return opened;
    }

    /**
     * Installs the open database's rule schemes anew, after one was saved or removed (call from a job).
     *
     * @since 1.3
     */
    public void reloadRuleSchemes() {
        installRuleSchemes(store());
    }

    private static void installRuleSchemes(PrismStore s) {
        try {
            prism.rules.RuleSchemes.installStored(s.ruleDocuments().latest().stream()
                    .map(d -> new prism.rules.RuleSchemes.Stored(d.id(), d.version(), d.document())).toList(),
                    m -> org.eclipse.core.runtime.ILog.get().warn(m));
        } catch (RuntimeException e) {
            org.eclipse.core.runtime.ILog.get().error("cannot read the rule schemes of the database", e);
        }
    }

    public synchronized boolean isStoreOpen() {
        return store != null;
    }

    /**
     * Counts the databases opened so far: a read that started under another number was made for another
     * database, and its answer is not shown.
     *
     * @since 1.1
     */
    public long generation() {
        return generation;
    }

    /** Closes the database; the next {@link #store()} opens the configured one. */
    public void reopen() {
        synchronized (this) {
            generation++;
            if (store != null) {
                store.close();
                store = null;
            }
            latestRun = null;
        }
        fire(Change.DATABASE);
    }

    /** The newest stored run, cached until the next {@link Change#RUNS}. */
    public Optional<RunInfo> latestRun() {
        Optional<RunInfo> r = latestRun;
        if (r == null) {
            r = store().latestRun();
            latestRun = r;
        }
        return r;
    }

    /** A scheme's settings as the preference pages left them. */
    public Settings settings(ClassificationScheme scheme) {
        IEclipsePreferences node = (IEclipsePreferences) InstanceScope.INSTANCE.getNode(PrismUI.PLUGIN_ID).node("schemes").node(scheme.id());
        Map<String, String> values = new java.util.HashMap<>();
        for (var s : scheme.settings()) {
            String v = node.get(s.key(), null);
            if (v != null && s.validate(v) == null) {
                values.put(s.key(), v);
            }
        }
        return Settings.of(scheme, values);
    }

    public void addListener(Consumer<Change> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<Change> l) {
        listeners.remove(l);
    }

    /** Tells every listener, on the UI thread. */
    public void fire(Change change) {
        if (change == Change.RUNS || change == Change.DATA || change == Change.DATABASE) {
            latestRun = null;
        }
        Display d = Display.getDefault();
        d.asyncExec(() -> {
            for (Consumer<Change> l : listeners) {
                try {
                    l.accept(change);
                } catch (RuntimeException e) {
                    PrismUI.log("a view failed to follow a change", e);
                }
            }
        });
    }

    /** Closes the database (at shutdown). */
    public synchronized void dispose() {
        if (store != null) {
            store.close();
            store = null;
        }
        tracker.close();
        engine.close();
    }
}
