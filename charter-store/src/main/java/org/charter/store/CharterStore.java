package org.charter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterReader;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.jdbi.v3.core.Handle;

/**
 * Stored charter versions. A charter is stored under its id (its name); its versions are numbered 1, 2, ... and keep
 * the canonical YAML text, who made the version, when, by which rule, and the version it was made from. A new
 * version is read and checked (with its parent charter, looked up among the stored ones) before anything is written,
 * and is refused with {@link ConflictException} when its parent is no longer the latest version: of two
 * ratifications made from the same version, the second to arrive is refused rather than silently overwriting.
 */
public final class CharterStore {
    private final Database db;
    private final Clock clock;

    public CharterStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A stored version.
     *
     * @param name    the charter's id
     * @param number  1, 2, ... in order of storing
     * @param parent  the number of the version it was made from (empty for the first)
     * @param label   the charter's own version field
     * @param hash    the canonical content hash
     * @param yaml    the canonical YAML text
     * @param madeBy  who stored it
     * @param madeAt  when
     * @param rule    how it was made ("import", "group-aware consensus >= 3/5", ...)
     */
    public record StoredVersion(String name, int number, Optional<Integer> parent, String label, String hash, String yaml, String madeBy,
                                Instant madeAt, String rule) {
        /** The charter, read back from its canonical text. */
        public Charter charter() {
            return CharterReader.read(yaml, name + "@" + number + ".yaml");
        }
    }

    /** Every stored charter's name, sorted. */
    public List<String> names() {
        return db.read(h -> h.createQuery("SELECT DISTINCT name FROM charter_version ORDER BY name").mapTo(String.class).list());
    }

    public Optional<StoredVersion> latest(String name) {
        return db.read(h -> latest(h, name));
    }

    private static Optional<StoredVersion> latest(Handle h, String name) {
        return h.createQuery("SELECT * FROM charter_version WHERE name = :n ORDER BY number DESC LIMIT 1")
                .bind("n", name).map((rs, ctx) -> version(rs)).findOne();
    }

    /** Version {@code number} of {@code name}; {@link NotFoundException} when there is none. */
    public StoredVersion version(String name, int number) {
        return db.read(h -> h.createQuery("SELECT * FROM charter_version WHERE name = :n AND number = :v")
                .bind("n", name).bind("v", number).map((rs, ctx) -> version(rs)).findOne())
                .orElseThrow(() -> new NotFoundException("version " + number + " of charter " + name));
    }

    /** Every version of {@code name}, oldest first (empty when nothing is stored under the name). */
    public List<StoredVersion> versions(String name) {
        return db.read(h -> h.createQuery("SELECT * FROM charter_version WHERE name = :n ORDER BY number")
                .bind("n", name).map((rs, ctx) -> version(rs)).list());
    }

    /**
     * The effective form of a stored version: the version with its parent charter's clauses, the parent referenced by
     * name and resolved to that name's latest stored version.
     */
    public CharterResolver.Resolved resolve(StoredVersion v) {
        return CharterResolver.resolve(CharterReader.load(v.yaml(), v.name() + "@" + v.number() + ".yaml"), this::lookup);
    }

    private Optional<CharterResolver.Loaded> lookup(String from, String reference) {
        return latest(reference).map(p -> CharterReader.load(p.yaml(), p.name() + "@" + p.number() + ".yaml"));
    }

    /**
     * Stores a new version given as text (YAML or JSON, as {@code source} ends). It is read and checked with its
     * parents first ({@link InvalidCharterException} listing every problem; nothing is written), then stored in
     * canonical form under its id.
     *
     * @param expectedParent the number of the version it was made from, which must be the latest stored (empty: the
     *                       charter must not be stored yet)
     * @throws ConflictException when {@code expectedParent} is not the latest version
     */
    public StoredVersion save(String text, String source, Optional<Integer> expectedParent, String madeBy, String rule) {
        CharterResolver.Loaded loaded = CharterReader.load(text, source);
        CharterResolver.resolve(loaded, this::lookup);
        return save(loaded.charter(), expectedParent, madeBy, rule);
    }

    /** Stores a new version given as a charter value; checked as {@link #save(String, String, Optional, String, String)} checks. */
    public StoredVersion save(Charter charter, Optional<Integer> expectedParent, String madeBy, String rule) {
        if (madeBy == null || madeBy.isBlank()) throw new IllegalArgumentException("a stored version needs who made it");
        if (rule == null || rule.isBlank()) throw new IllegalArgumentException("a stored version needs the rule that made it");
        String yaml = CanonicalForm.toYaml(charter);
        String name = charter.id();
        // the canonical text must read back and resolve, or nothing is stored
        CharterResolver.resolve(CharterReader.load(yaml, name + ".yaml"), this::lookup);
        String hash = CanonicalForm.hash(charter);
        long at = clock.millis();
        try {
            return db.write(h -> {
                Optional<StoredVersion> now = latest(h, name);
                Optional<Integer> current = now.map(StoredVersion::number);
                if (!current.equals(expectedParent)) {
                    throw new ConflictException("charter " + name + " is at version " + current.map(String::valueOf).orElse("(none)")
                            + ", not " + expectedParent.map(String::valueOf).orElse("(none)") + ": it changed since this version was prepared; "
                            + "prepare it again from the latest version");
                }
                int number = current.orElse(0) + 1;
                h.createUpdate("INSERT INTO charter_version (name, number, parent_number, label, content_hash, yaml, made_by, made_at, rule)"
                                + " VALUES (:n, :v, :p, :l, :hash, :y, :by, :at, :r)")
                        .bind("n", name).bind("v", number).bind("p", current.orElse(null)).bind("l", charter.version()).bind("hash", hash)
                        .bind("y", yaml).bind("by", madeBy.strip()).bind("at", at).bind("r", rule.strip()).execute();
                return new StoredVersion(name, number, current, charter.version(), hash, yaml, madeBy.strip(), Instant.ofEpochMilli(at), rule.strip());
            });
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            // another writer (another server on PostgreSQL) stored the same number first
            throw new ConflictException("charter " + name + " changed while this version was being stored: " + Database.rootMessage(e));
        }
    }

    private static StoredVersion version(ResultSet rs) throws SQLException {
        int parent = rs.getInt("parent_number");
        Optional<Integer> p = rs.wasNull() ? Optional.empty() : Optional.of(parent);
        return new StoredVersion(rs.getString("name"), rs.getInt("number"), p, rs.getString("label"), rs.getString("content_hash"),
                rs.getString("yaml"), rs.getString("made_by"), Instant.ofEpochMilli(rs.getLong("made_at")), rs.getString("rule"));
    }
}
