package org.charter.store.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.charter.core.assembly.InvalidFieldException;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;

/**
 * Moderator and admin accounts, and the web sessions of accounts and participants. The store keeps only what it is
 * given: password hashes (never passwords) and SHA-256 hashes of session ids (never the ids themselves); hashing
 * is the web layer's.
 */
public final class AccountStore {
    private final Database db;
    private final Clock clock;

    public AccountStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What an account may do: a moderator moderates assemblies; an admin also manages accounts. */
    public enum Role {
        MODERATOR, ADMIN;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role fromApiName(String name) {
            for (Role r : values()) if (r.apiName().equals(name)) return r;
            throw new InvalidFieldException("role", "must be \"moderator\" or \"admin\", not \"" + name + "\"");
        }

        /** Whether this role may do what {@code needed} may (an admin may do everything a moderator may). */
        public boolean allows(Role needed) {
            return this == ADMIN || this == needed;
        }
    }

    /** An account; {@code passwordHash} is a PHC string. */
    public record Account(long id, String name, Role role, String passwordHash, Instant createdAt) {
        public static final int MAX_NAME_LENGTH = 64;

        public Account {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(passwordHash, "passwordHash");
            if (name == null || !name.matches("[A-Za-z0-9._@-]{1," + MAX_NAME_LENGTH + "}")) {
                throw new InvalidFieldException("name", "must be 1 to " + MAX_NAME_LENGTH + " letters, digits or . _ @ -");
            }
        }
    }

    /** A stored session: the hash of its id, the visitor it acts as, its CSRF token, and its account if logged in. */
    public record Session(String idHash, String visitor, String csrf, Long accountId, Instant createdAt, Instant expiresAt) { }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    // ---- accounts ---------------------------------------------------------------------------------------------

    public Account addAccount(String name, Role role, String passwordHash) {
        Instant at = now();
        new Account(0, name, role, passwordHash, at); // validates
        return db.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM account WHERE name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
                throw new ConflictException("an account named \"" + name + "\" exists already");
            }
            long id = h.createUpdate("INSERT INTO account (name, role, password_hash, created_at) VALUES (:n, :r, :p, :at)")
                    .bind("n", name).bind("r", role.apiName()).bind("p", passwordHash).bind("at", at.toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new Account(id, name, role, passwordHash, at);
        });
    }

    public Optional<Account> findAccount(String name) {
        return db.read(h -> h.createQuery("SELECT * FROM account WHERE name = :n").bind("n", name).map((rs, c) -> account(rs)).findOne());
    }

    public Optional<Account> findAccount(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM account WHERE id = :id").bind("id", id).map((rs, c) -> account(rs)).findOne());
    }

    public List<Account> accounts() {
        return db.read(h -> h.createQuery("SELECT * FROM account ORDER BY name").map((rs, c) -> account(rs)).list());
    }

    public void setPassword(String name, String passwordHash) {
        int n = db.write(h -> h.createUpdate("UPDATE account SET password_hash = :p WHERE name = :n")
                .bind("p", passwordHash).bind("n", name).execute());
        if (n == 0) throw new NotFoundException("account \"" + name + "\"");
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), Role.fromApiName(rs.getString("role")),
                rs.getString("password_hash"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    // ---- sessions ---------------------------------------------------------------------------------------------

    public Session createSession(String idHash, String visitor, String csrf, Long accountId, Instant expiresAt) {
        Instant at = now();
        db.write(h -> h.createUpdate("INSERT INTO web_session (id_hash, visitor, csrf, account_id, created_at, expires_at)"
                        + " VALUES (:h, :v, :c, :a, :at, :x)")
                .bind("h", idHash).bind("v", visitor).bind("c", csrf).bind("a", accountId)
                .bind("at", at.toEpochMilli()).bind("x", expiresAt.toEpochMilli()).execute());
        return new Session(idHash, visitor, csrf, accountId, at, expiresAt);
    }

    /** The session with this id hash, unless it has expired. */
    public Optional<Session> findSession(String idHash) {
        long nowMs = clock.millis();
        return db.read(h -> h.createQuery("SELECT * FROM web_session WHERE id_hash = :h AND expires_at > :now")
                .bind("h", idHash).bind("now", nowMs)
                .map((rs, c) -> {
                    long acc = rs.getLong("account_id");
                    Long accountId = rs.wasNull() ? null : acc;
                    return new Session(rs.getString("id_hash"), rs.getString("visitor"), rs.getString("csrf"), accountId,
                            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));
                }).findOne());
    }

    public void deleteSession(String idHash) {
        db.write(h -> h.createUpdate("DELETE FROM web_session WHERE id_hash = :h").bind("h", idHash).execute());
    }

    /** Removes expired sessions; returns how many. */
    public int deleteExpiredSessions() {
        long nowMs = clock.millis();
        return db.write(h -> h.createUpdate("DELETE FROM web_session WHERE expires_at <= :now").bind("now", nowMs).execute());
    }
}
