package prism.store;

import java.nio.file.Path;

/**
 * Where the data lives: an embedded Derby database directory, or a database server reached by JDBC
 * URL (the password never comes from the command line: see {@code PRISM_DB_PASSWORD}).
 */
public record StoreConfig(Path derbyDirectory, String jdbcUrl, String user, String password) {

    public static StoreConfig derby(Path dir) {
        return new StoreConfig(dir.toAbsolutePath(), null, null, null);
    }

    public static StoreConfig server(String url, String user, String password) {
        return new StoreConfig(null, url, user, password);
    }

    /** The default embedded database: {@code ~/.prism/db}. */
    public static Path defaultDerbyDirectory() {
        return Path.of(System.getProperty("user.home"), ".prism", "db");
    }

    public boolean isEmbedded() {
        return derbyDirectory != null;
    }

    public String describe() {
        return isEmbedded() ? "Derby database " + derbyDirectory : jdbcUrl + (user == null ? "" : " as " + user);
    }
}
