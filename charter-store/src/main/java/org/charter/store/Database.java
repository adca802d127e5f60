package org.charter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * An open database: a connection pool, migrated to the current schema on open, closed cleanly on {@link #close()}.
 *
 * <p>SQLite allows one writer at a time; rather than let concurrent writers fail with SQLITE_BUSY, write
 * transactions on SQLite take an in-process lock (the server is the file's only writer), while reads run in parallel
 * in WAL mode. PostgreSQL needs no such lock.
 */
public final class Database implements AutoCloseable {
    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final ReentrantLock sqliteWriter = new ReentrantLock();
    private final GroupCommit groupCommit;

    private Database(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.groupCommit = config.kind() == StoreKind.SQLITE
                ? new GroupCommit(jdbi, sqliteWriter::lock, sqliteWriter::unlock, "charter-sqlite-writer")
                : null;
    }

    /** Opens the store and applies any pending migrations. */
    public static Database open(StoreConfig config) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setPoolName("charter-" + config.kind().id());
        if (config.kind() == StoreKind.SQLITE) {
            Path file = Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create the data directory " + file.getParent() + ": " + e.getMessage(), e);
            }
            hikari.setDriverClassName("org.sqlite.JDBC");
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", "30000");
            hikari.setMaximumPoolSize(4);
        } else {
            hikari.setDriverClassName("org.postgresql.Driver");
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true"); // imports send multi-row INSERTs
            if (config.user() != null) hikari.setUsername(config.user());
            if (config.password() != null) hikari.setPassword(config.password());
            hikari.setMaximumPoolSize(16);
        }
        hikari.setConnectionTimeout(30_000);
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + config.describe() + ": " + rootMessage(e), e);
        }
        try {
            migrate(ds, config.kind());
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the store at " + config.describe() + ": " + rootMessage(e), e);
        }
        return new Database(config, ds);
    }

    private static void migrate(DataSource ds, StoreKind kind) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/" + kind.id())
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public StoreKind kind() {
        return config.kind();
    }

    public StoreConfig config() {
        return config;
    }

    /** Runs a read; on SQLite in WAL mode it sees the last committed state and does not wait for writers. */
    public <R> R read(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /**
     * Runs several reads that must see one state of the database: a repeatable-read transaction on PostgreSQL, and
     * on SQLite a read transaction (in WAL mode it reads one snapshot and does not block the writer).
     */
    public <R> R readConsistent(HandleCallback<R, RuntimeException> work) {
        if (config.kind() == StoreKind.POSTGRESQL) {
            return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, work);
        }
        return jdbi.inTransaction(work);
    }

    /** Runs a write in one transaction: all of it is stored, or none. */
    public <R> R write(HandleCallback<R, RuntimeException> work) {
        if (config.kind() == StoreKind.SQLITE) {
            sqliteWriter.lock();
            try {
                return jdbi.inTransaction(work);
            } finally {
                sqliteWriter.unlock();
            }
        }
        return jdbi.inTransaction(work);
    }

    /**
     * Runs a small write that many clients make at once (a vote). On SQLite it joins a group commit: it runs in a
     * transaction shared with other waiting writes, inside its own savepoint, and returns once that transaction has
     * committed. On PostgreSQL it is an ordinary {@link #write} (the server groups commits itself).
     */
    public <R> R writeSmall(HandleCallback<R, RuntimeException> work) {
        if (groupCommit == null) return write(work);
        return groupCommit.submit(h -> work.withHandle(h));
    }

    @Override
    public void close() {
        if (groupCommit != null) groupCommit.close();
        dataSource.close();
    }
}
