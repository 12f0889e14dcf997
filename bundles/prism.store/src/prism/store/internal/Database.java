package prism.store.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

import jakarta.persistence.EntityManagerFactory;
import prism.store.StoreConfig;
import prism.store.StoreException;

/**
 * The JDBC data source and the EclipseLink entity manager factory over it. Inside OSGi there is no
 * JPA container and {@code DriverManager} cannot see bundle drivers, so the driver is loaded through
 * a class of its own bundle and EclipseLink is handed our data source and class loader.
 */
public final class Database implements AutoCloseable {

    private final StoreConfig config;
    private final DataSource dataSource;
    private final EntityManagerFactory emf;
    private final Driver driver;
    private final String url;

    private Database(StoreConfig config, Driver driver, String url, Properties props) {
        this.config = config;
        this.driver = driver;
        this.url = url;
        this.dataSource = new DriverDataSource(driver, url, props);
        Map<String, Object> p = new HashMap<>();
        p.put(PersistenceUnitProperties.CLASSLOADER, Database.class.getClassLoader());
        p.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        p.put(PersistenceUnitProperties.TARGET_DATABASE, config.isEmbedded() ? "Derby" : "PostgreSQL");
        // Bulk paths write with JDBC behind EclipseLink's back: never serve stale objects.
        p.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        this.emf = new PersistenceProvider().createEntityManagerFactory("prism", p);
        if (emf == null) {
            throw new StoreException("EclipseLink found no persistence unit 'prism'");
        }
        emf.createEntityManager().close(); // deploys the unit and creates or extends the tables now
        ensureIndexes();
    }

    /**
     * The secondary indexes, by name: the customer index of orders and interactions, made with the
     * tables, and the explorer's sort orders, made the first time a user sorts by them (a page sorted by
     * name is then read in index order, not sorted anew; an import does not pay for sorts nobody uses).
     * Bulk loads drop a table's and build them again after.
     */
    static final Map<String, String> INDEXES = Map.of(
            "ORDERS_CUSTOMER", "ORDERS (CUSTOMER_ID)",
            "INTERACTION_CUSTOMER", "INTERACTION (CUSTOMER_ID)",
            "CUSTOMER_NAME", "CUSTOMER (NAME, ID)",
            "CUSTOMER_KIND", "CUSTOMER (KIND, ID)",
            "CUSTOMER_COUNTRY", "CUSTOMER (COUNTRY, ID)");

    /** Makes the customer indexes of orders and interactions if a database lacks them. */
    private void ensureIndexes() {
        ensureIndex("ORDERS_CUSTOMER");
        ensureIndex("INTERACTION_CUSTOMER");
    }

    /** Whether one of the {@link #INDEXES} is there (on a server: whether the administrator made it). */
    public boolean hasIndex(String name) {
        try (Connection c = connection()) {
            return BulkInsert.hasIndex(c, name);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Makes one of the {@link #INDEXES} unless it is there (embedded databases; a server's schema is its administrator's). */
    public synchronized void ensureIndex(String name) {
        if (!config.isEmbedded()) {
            return;
        }
        try (Connection c = connection()) {
            if (!BulkInsert.hasIndex(c, name)) {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX " + name + " ON " + INDEXES.get(name));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot make the index " + name + " of " + config.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The secondary indexes of a table, as {@link #INDEXES} names them. */
    static List<Map.Entry<String, String>> indexesOf(String table) {
        return INDEXES.entrySet().stream().filter(e -> e.getValue().startsWith(table + " (")).toList();
    }

    public static Database open(StoreConfig config) {
        return open(config, message -> { });
    }

    /**
     * Opens the database; {@code notices} hears of a long recovery ahead (the last process using the
     * database was killed: its marker file {@code DB-open.pid} is still there and that process is gone).
     */
    public static Database open(StoreConfig config, java.util.function.Consumer<String> notices) {
        try {
            if (config.isEmbedded()) {
                Path dir = config.derbyDirectory();
                Files.createDirectories(dir.getParent());
                if (System.getProperty("derby.stream.error.file") == null) {
                    System.setProperty("derby.stream.error.file", dir.resolveSibling(dir.getFileName() + "-derby.log").toString());
                }
                System.setProperty("derby.storage.pageCacheSize", System.getProperty("derby.storage.pageCacheSize", "8000"));
                // Index builds after a bulk load sort in memory this many rows before spilling merge runs to disk.
                System.setProperty("derby.storage.sortBufferMax", System.getProperty("derby.storage.sortBufferMax", "200000"));
                Driver d = derbyDriver();
                String url = "jdbc:derby:" + dir;
                Properties props = new Properties();
                props.setProperty("create", "true");
                Path marker = marker(config);
                long holder = holder(marker);
                boolean alive = holder > 0 && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false);
                if (holder > 0 && !alive) {
                    notices.accept("recovering the database " + dir + " after an interrupted command (process " + holder
                            + " ended without closing it); this can take a minute…");
                }
                checkConnect(d, url, props, config, alive ? holder : -1);
                Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
                return new Database(config, d, url, props);
            }
            Driver d = serverDriver(config.jdbcUrl());
            Properties props = new Properties();
            if (config.user() != null) {
                props.setProperty("user", config.user());
            }
            if (config.password() != null) {
                props.setProperty("password", config.password());
            }
            checkConnect(d, config.jdbcUrl(), props, config, -1);
            return new Database(config, d, config.jdbcUrl(), props);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("cannot open " + config.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void checkConnect(Driver d, String url, Properties props, StoreConfig config, long holder) {
        try (Connection c = d.connect(url, props)) {
            if (c == null) {
                throw new StoreException("no JDBC driver accepts " + url);
            }
        } catch (SQLException e) {
            throw new StoreException(explain(e, config, holder), e);
        }
    }

    /** The file beside an embedded database naming the process that has it open. */
    private static Path marker(StoreConfig config) {
        Path dir = config.derbyDirectory().toAbsolutePath();
        return dir.resolveSibling(dir.getFileName() + "-open.pid");
    }

    /** The process named by a marker, or -1. */
    private static long holder(Path marker) {
        try {
            return Long.parseLong(Files.readString(marker).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String explain(SQLException e, StoreConfig config, long holder) {
        // Derby chains its reasons both as causes and as next exceptions ("see the next exception for details")
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Throwable deepest = e;
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                if ("XSDB6".equals(s.getSQLState())) {
                    return "the database " + config.derbyDirectory() + " is in use by another Prism process"
                            + (holder > 0 ? " (pid " + holder + ")" : "")
                            + " (the workbench or a headless run): close it, or pass another --db";
                }
                if (s.getNextException() != null) {
                    todo.add(s.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            deepest = t;
        }
        String reason = e.getMessage() != null && e.getMessage().contains("next exception") ? deepest.getMessage() : e.getMessage();
        return "cannot open " + config.describe() + ": " + reason;
    }

    private static Driver derbyDriver() throws ReflectiveOperationException {
        // A class of the derby bundle gives its class loader; the driver class itself is not exported.
        ClassLoader derby = org.apache.derby.authentication.UserAuthenticator.class.getClassLoader();
        return (Driver) derby.loadClass("org.apache.derby.iapi.jdbc.AutoloadedDriver").getDeclaredConstructor().newInstance();
    }

    private static Driver serverDriver(String url) throws ReflectiveOperationException {
        if (url.startsWith("jdbc:postgresql:")) {
            try {
                return (Driver) Database.class.getClassLoader().loadClass("org.postgresql.Driver").getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                throw new StoreException("the PostgreSQL JDBC driver (bundle org.postgresql.jdbc) is not installed");
            }
        }
        throw new StoreException("unsupported JDBC URL " + url + ": expected jdbc:postgresql://HOST/DB");
    }

    public StoreConfig config() {
        return config;
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public boolean isDerby() {
        return config.isEmbedded();
    }

    @Override
    public void close() {
        emf.close();
        if (config.isEmbedded()) {
            Properties p = new Properties();
            p.setProperty("shutdown", "true");
            try (Connection c = driver.connect(url, p)) {
                // shutdown always ends in an SQLException
            } catch (SQLException expected) {
                // 08006: database shut down
            }
            try {
                Path marker = marker(config);
                if (holder(marker) == ProcessHandle.current().pid()) {
                    Files.deleteIfExists(marker);
                }
            } catch (IOException e) {
                // a marker left behind names a process that is gone: the next open only says it recovers
            }
        }
    }

    /** A data source over a driver instance (no DriverManager, no pool: embedded connections are cheap). */
    private record DriverDataSource(Driver driver, String url, Properties props) implements DataSource {
        @Override public Connection getConnection() throws SQLException { return driver.connect(url, props); }
        @Override public Connection getConnection(String u, String p) throws SQLException {
            Properties q = new Properties();
            q.putAll(props);
            q.setProperty("user", u);
            q.setProperty("password", p);
            return driver.connect(url, q);
        }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
