package org.charter.store.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.charter.core.assembly.InvalidFieldException;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;

/**
 * Single-use invitations to assemblies whose access is by invitation. Only the SHA-256 hash of a token is stored:
 * the token itself is shown once, to the moderator who created it.
 */
public final class InvitationStore {
    public static final int MAX_LABEL_LENGTH = 200;

    private final Database db;
    private final Clock clock;

    public InvitationStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An invitation as listed to moderators: who it was meant for (label), and whether and by whom it was used. */
    public record Invitation(long id, long assemblyId, String label, Instant createdAt, Instant usedAt, Integer usedByPid) { }

    public Invitation create(long assemblyId, String tokenHash, String label, Long createdBy) {
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL_LENGTH) throw new InvalidFieldException("label", "must be at most " + MAX_LABEL_LENGTH + " characters");
        Instant at = Instant.ofEpochMilli(clock.millis());
        long id = db.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM assembly WHERE id = :a").bind("a", assemblyId).mapTo(Integer.class).one() == 0) {
                throw new NotFoundException("assembly " + assemblyId);
            }
            return h.createUpdate("INSERT INTO invitation (assembly_id, token_hash, label, created_by, created_at) VALUES (:a, :t, :l, :by, :at)")
                    .bind("a", assemblyId).bind("t", tokenHash).bind("l", l).bind("by", createdBy).bind("at", at.toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new Invitation(id, assemblyId, l, at, null, null);
    }

    public List<Invitation> list(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT * FROM invitation WHERE assembly_id = :a ORDER BY id").bind("a", assemblyId)
                .map((rs, c) -> row(rs)).list());
    }

    /**
     * Marks the invitation with this token hash used by {@code pid}. Returns the assembly it admits to; a token that
     * is unknown, or already used by someone else, is refused.
     */
    public long redeem(long assemblyId, String tokenHash, int pid) {
        long at = clock.millis();
        return db.write(h -> {
            var row = h.createQuery("SELECT id, used_by_pid FROM invitation WHERE assembly_id = :a AND token_hash = :t")
                    .bind("a", assemblyId).bind("t", tokenHash)
                    .map((rs, c) -> {
                        long id = rs.getLong("id");
                        int p = rs.getInt("used_by_pid");
                        return new long[] {id, rs.wasNull() ? -1 : p};
                    }).findOne()
                    .orElseThrow(() -> new NotFoundException("invitation to assembly " + assemblyId));
            if (row[1] >= 0 && row[1] != pid) throw new ConflictException("this invitation has been used already");
            if (row[1] < 0) {
                h.createUpdate("UPDATE invitation SET used_at = :at, used_by_pid = :p WHERE id = :id")
                        .bind("at", at).bind("p", pid).bind("id", row[0]).execute();
            }
            return assemblyId;
        });
    }

    /** The invitation with this token hash, if there is one. */
    public java.util.Optional<Invitation> find(long assemblyId, String tokenHash) {
        return db.read(h -> h.createQuery("SELECT * FROM invitation WHERE assembly_id = :a AND token_hash = :t")
                .bind("a", assemblyId).bind("t", tokenHash).map((rs, c) -> row(rs)).findOne());
    }

    private static Invitation row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long used = rs.getLong("used_at");
        Instant usedAt = rs.wasNull() ? null : Instant.ofEpochMilli(used);
        int pid = rs.getInt("used_by_pid");
        Integer usedBy = rs.wasNull() ? null : pid;
        return new Invitation(rs.getLong("id"), rs.getLong("assembly_id"), rs.getString("label"),
                Instant.ofEpochMilli(rs.getLong("created_at")), usedAt, usedBy);
    }
}
