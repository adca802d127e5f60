package org.charter.cli;

import java.nio.file.Path;

import org.charter.store.Database;
import org.charter.store.StoreConfig;

import picocli.CommandLine.Option;

/** Where the store is: --data-dir for the SQLite file, or --db for PostgreSQL. Shared by every command that stores. */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "charter-data",
            description = "Directory of the SQLite store (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "PostgreSQL instead of SQLite, e.g. jdbc:postgresql://localhost:5432/charter;"
                    + " credentials from CHARTER_DB_USER and CHARTER_DB_PASSWORD.")
    String dbUrl;

    StoreConfig config() {
        try {
            return StoreConfig.choose(dataDir, dbUrl, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--db: " + e.getMessage());
        }
    }

    Database open() {
        return Database.open(config());
    }
}
