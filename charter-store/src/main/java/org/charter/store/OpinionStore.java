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

    /** A saved map: the newest vote event it saw, the options it was computed with, and its JSON. */
    public record SavedMap(long lastEventId, String optionsKey, String json) { }

    public Optional<SavedMap> load(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT last_event_id, options_key, map_json FROM opinion_map WHERE assembly_id = :a")
                .bind("a", assemblyId).map((rs, ctx) -> new SavedMap(rs.getLong(1), rs.getString(2), rs.getString(3))).findOne());
    }

    public void save(long assemblyId, long lastEventId, String optionsKey, String json) {
        db.write(h -> h.createUpdate("INSERT INTO opinion_map (assembly_id, last_event_id, computed_at, options_key, map_json)"
                        + " VALUES (:a, :e, :at, :o, :j) ON CONFLICT (assembly_id) DO UPDATE"
                        + " SET last_event_id = excluded.last_event_id, computed_at = excluded.computed_at,"
                        + " options_key = excluded.options_key, map_json = excluded.map_json")
                .bind("a", assemblyId).bind("e", lastEventId).bind("at", clock.millis()).bind("o", optionsKey).bind("j", json).execute());
    }

    /** A latest vote: participant, statement, Polis code (+1 agree, -1 disagree, 0 pass). */
    public record Cell(int pid, int tid, int vote) { }

    /**
     * The latest vote of every cell (participant, statement) that a vote event after {@code afterEventId} and up to
     * {@code uptoEventId} touched: what an opinion map kept in memory needs to catch up. Read from the latest votes
     * rather than the events, so that an event arriving late with an earlier time does not override a newer vote.
     */
    public java.util.List<Cell> cellsChangedBetween(long assemblyId, long afterEventId, long uptoEventId) {
        return db.read(h -> h.createQuery("SELECT l.pid, l.tid, l.vote FROM (SELECT DISTINCT pid, tid FROM vote_event"
                        + " WHERE id > :after AND id <= :upto AND assembly_id = :a) e"
                        + " JOIN latest_vote l ON l.assembly_id = :a AND l.pid = e.pid AND l.tid = e.tid ORDER BY l.pid, l.tid")
                .bind("a", assemblyId).bind("after", afterEventId).bind("upto", uptoEventId)
                .map((rs, ctx) -> new Cell(rs.getInt(1), rs.getInt(2), rs.getInt(3))).list());
    }

    /** The newest vote event of an assembly (0 when it has none). */
    public long lastEventId(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM vote_event WHERE assembly_id = :a")
                .bind("a", assemblyId).mapTo(Long.class).one());
    }
}
