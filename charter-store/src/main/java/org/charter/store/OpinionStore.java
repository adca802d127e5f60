package org.charter.store;

import java.time.Clock;
import java.util.Optional;

/** The latest opinion map of each assembly, kept as JSON so that the next computation can warm-start from it. */
public final class OpinionStore {
    private final Database db;
    private final Clock clock;

    public OpinionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A saved map: the newest vote event it saw, and its JSON. */
    public record SavedMap(long lastEventId, String json) { }

    public Optional<SavedMap> load(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT last_event_id, map_json FROM opinion_map WHERE assembly_id = :a")
                .bind("a", assemblyId).map((rs, ctx) -> new SavedMap(rs.getLong(1), rs.getString(2))).findOne());
    }

    public void save(long assemblyId, long lastEventId, String json) {
        db.write(h -> h.createUpdate("INSERT INTO opinion_map (assembly_id, last_event_id, computed_at, map_json)"
                        + " VALUES (:a, :e, :at, :j) ON CONFLICT (assembly_id) DO UPDATE"
                        + " SET last_event_id = excluded.last_event_id, computed_at = excluded.computed_at, map_json = excluded.map_json")
                .bind("a", assemblyId).bind("e", lastEventId).bind("at", clock.millis()).bind("j", json).execute());
    }

    /** The newest vote event of an assembly (0 when it has none). */
    public long lastEventId(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM vote_event WHERE assembly_id = :a")
                .bind("a", assemblyId).mapTo(Long.class).one());
    }
}
