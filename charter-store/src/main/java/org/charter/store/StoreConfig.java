package org.charter.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store lives: a SQLite file (the default, under a data directory) or a PostgreSQL server named by a JDBC
 * URL, with credentials taken from CHARTER_DB_USER and CHARTER_DB_PASSWORD.
 */
public record StoreConfig(String jdbcUrl, String user, String password) {
    public static final String SQLITE_FILE = "charter.db";

    public StoreConfig {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: or jdbc:sqlite:, not "
                    + (jdbcUrl == null ? "nothing" : "\"" + jdbcUrl + "\""));
        }
    }

    /** The SQLite file in a data directory. */
    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath(), null, null);
    }

    /** The command line's choice: a JDBC URL when given, else SQLite under the data directory. */
    public static StoreConfig choose(Path dataDir, String dbUrl, Map<String, String> env) {
        if (dbUrl == null || dbUrl.isBlank()) return sqlite(dataDir);
        return new StoreConfig(dbUrl, env.get("CHARTER_DB_USER"), env.get("CHARTER_DB_PASSWORD"));
    }

    public StoreKind kind() {
        return jdbcUrl.startsWith("jdbc:sqlite:") ? StoreKind.SQLITE : StoreKind.POSTGRESQL;
    }

    /** The URL without credentials, safe to print. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
