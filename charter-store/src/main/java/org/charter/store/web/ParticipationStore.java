package org.charter.store.web;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.charter.core.assembly.Participant;
import org.charter.store.Database;
import org.charter.store.NotFoundException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What the participation pages read and write besides votes and statements: which statements a participant has
 * voted on, finding a participant by external id without creating one, and self-description attributes, which are
 * stored only together with a recorded consent.
 */
public final class ParticipationStore {
    private final Database db;
    private final Clock clock;

    public ParticipationStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The statements this participant has a vote on (agree, disagree or pass). */
    public Set<Integer> votedTids(long assemblyId, int pid) {
        return db.read(h -> new HashSet<>(h.createQuery("SELECT tid FROM latest_vote WHERE assembly_id = :a AND pid = :p")
                .bind("a", assemblyId).bind("p", pid).mapTo(Integer.class).list()));
    }

    /** The participant with this external id, if the assembly has one. */
    public OptionalInt findPid(long assemblyId, String externalId) {
        Optional<Integer> pid = db.read(h -> h.createQuery("SELECT pid FROM participant WHERE assembly_id = :a AND external_id = :x")
                .bind("a", assemblyId).bind("x", externalId).mapTo(Integer.class).findOne());
        return pid.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * Replaces the participant's attributes with {@code attributes} and records their consent, in one transaction.
     * Without consent nothing is stored and any earlier attributes and consent are removed: withdrawing consent
     * deletes what it covered.
     */
    public void describe(long assemblyId, int pid, Map<String, String> attributes, boolean consent) {
        Map<String, String> attrs = Participant.validAttributes(attributes);
        long at = clock.millis();
        db.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM participant WHERE assembly_id = :a AND pid = :p")
                    .bind("a", assemblyId).bind("p", pid).mapTo(Integer.class).one() == 0) {
                throw new NotFoundException("participant " + pid + " of assembly " + assemblyId);
            }
            h.createUpdate("DELETE FROM participant_attribute WHERE assembly_id = :a AND pid = :p").bind("a", assemblyId).bind("p", pid).execute();
            h.createUpdate("DELETE FROM participant_consent WHERE assembly_id = :a AND pid = :p").bind("a", assemblyId).bind("p", pid).execute();
            if (!consent) return null;
            h.createUpdate("INSERT INTO participant_consent (assembly_id, pid, consented_at) VALUES (:a, :p, :at)")
                    .bind("a", assemblyId).bind("p", pid).bind("at", at).execute();
            if (!attrs.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO participant_attribute (assembly_id, pid, name, value) VALUES (:a, :p, :n, :v)");
                attrs.forEach((k, v) -> batch.bind("a", assemblyId).bind("p", pid).bind("n", k).bind("v", v).add());
                batch.execute();
            }
            return null;
        });
    }

    /** When the participant consented to storing their attributes, if they did. */
    public Optional<Instant> consent(long assemblyId, int pid) {
        return db.read(h -> h.createQuery("SELECT consented_at FROM participant_consent WHERE assembly_id = :a AND pid = :p")
                .bind("a", assemblyId).bind("p", pid).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }
}
