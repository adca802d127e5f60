package org.charter.server;

import java.time.Clock;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.opinion.OpinionEngine;
import org.charter.core.opinion.OpinionInput;
import org.charter.core.opinion.OpinionJson;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
import org.charter.core.opinion.OpinionState;
import org.charter.core.assembly.VoteValue;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.OpinionStore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The opinion map of a stored assembly: computed from its votes, warm-started from the map saved last time, and
 * saved again for the next run. Shared by `charter opinion assembly ID` and GET /api/assemblies/{id}/opinion.
 */
public final class OpinionService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpinionService.class);

    private final AssemblyStore assemblies;
    private final OpinionStore maps;

    public OpinionService(Database db, Clock clock) {
        this.assemblies = new AssemblyStore(db, clock);
        this.maps = new OpinionStore(db, clock);
    }

    /**
     * What a computation gives: the map, its JSON, the snapshot it was computed from (topic, participants and
     * statements, for their texts; its votes only when the map was computed in full — an update of the map kept in
     * memory reads just the changed votes, and {@code snapshot.votes()} is then empty), whether it started from a
     * previous map, and whether it was such an in-memory update.
     */
    public record Computed(OpinionMap map, ObjectNode json, AssemblySnapshot snapshot, boolean warmStarted, boolean updated) { }

    /**
     * The saved map's JSON when nothing changed since it was computed with these options (no new vote event); the
     * map is computed afresh otherwise. Statement moderation changes also invalidate it (they change the key's
     * statement part).
     */
    public ObjectNode json(long assemblyId, OpinionOptions options) {
        assemblies.assembly(assemblyId); // 404 for an unknown assembly
        var saved = maps.load(assemblyId);
        if (saved.isPresent() && saved.get().lastEventId() == maps.lastEventId(assemblyId)
                && saved.get().optionsKey().equals(key(options, assemblyId))) {
            try {
                return (ObjectNode) JSON.readTree(saved.get().json());
            } catch (java.io.IOException e) {
                // fall through and recompute
            }
        }
        return compute(assemblyId, options).json();
    }

    /** What determines a map besides the votes: the options, and which statements are zeroed (moderation, meta). */
    private String key(OpinionOptions o, long assemblyId) {
        return key(o, assemblies.statements(assemblyId));
    }

    private static String key(OpinionOptions o, java.util.List<org.charter.core.assembly.Statement> statements) {
        var zeroed = new StringBuilder();
        for (var s : statements) {
            if (s.meta() || s.moderation() == org.charter.core.assembly.Moderation.REJECTED) zeroed.append(s.tid()).append(',');
        }
        return "components=" + o.components() + ";groups=" + o.groups() + ";given=" + (o.givenGroups() == null ? "" : o.givenGroups().hashCode())
                + ";imputation=" + o.imputation() + ";seed=" + o.seed() + ";bootstrap=" + o.bootstrap() + ";zeroed=" + zeroed;
    }


    /**
     * The map of an assembly now. When this service computed the map before (same options, same zeroed statements)
     * and keeps it in memory, only the votes changed since are applied to it ({@link OpinionState}): in-conv then
     * follows Polis's rule as its math worker applies it at each update (whoever qualifies now, and whoever was
     * clustered before). Otherwise the map is computed in full, warm-started from the saved one, and kept.
     */
    public Computed compute(long assemblyId, OpinionOptions options) {
        Object lock = locks.computeIfAbsent(assemblyId, x -> new Object());
        synchronized (lock) {
            long lastEvent = maps.lastEventId(assemblyId);
            var statements = assemblies.statements(assemblyId);
            String key = key(options, statements);
            Live kept = live.get(assemblyId);
            if (kept != null && kept.key().equals(key) && lastEvent >= kept.lastEventId()
                    && options.imputation() == OpinionOptions.Imputation.COLUMN_MEAN) {
                var cells = maps.cellsChangedBetween(assemblyId, kept.lastEventId(), lastEvent);
                var votes = cells.stream().map(c -> new OpinionState.Vote(c.pid(), c.tid(), VoteValue.fromPolisCode(c.vote()))).toList();
                OpinionMap map;
                try {
                    map = kept.state().apply(votes);
                } catch (RuntimeException e) {
                    // A state that failed mid-update is not trusted again: drop it and compute in full.
                    LOG.warn("updating the kept opinion map of assembly {} failed; computing it in full", assemblyId, e);
                    live.remove(assemblyId);
                    return computeInFull(assemblyId, options, lastEvent, key);
                }
                ObjectNode json = OpinionJson.toJson(map);
                maps.save(assemblyId, lastEvent, key, json.toString());
                live.put(assemblyId, new Live(kept.state(), lastEvent, key));
                var a = assemblies.assembly(assemblyId);
                var texts = new AssemblySnapshot(a.topic(), a.description(), a.settings(), assemblies.participants(assemblyId),
                        statements, java.util.List.of());
                return new Computed(map, json, texts, true, true);
            }
            return computeInFull(assemblyId, options, lastEvent, key);
        }
    }

    private Computed computeInFull(long assemblyId, OpinionOptions options, long lastEvent, String key) {
        AssemblySnapshot snapshot = assemblies.snapshot(assemblyId); // 404 for an unknown assembly
        var saved = maps.load(assemblyId);
        OpinionMap previous = null;
        if (saved.isPresent()) {
            try {
                previous = OpinionJson.warmStart(JSON.readTree(saved.get().json()));
            } catch (java.io.IOException e) {
                previous = null; // an unreadable saved map only costs the warm start
            }
        }
        OpinionState state = OpinionState.of(OpinionInput.of(snapshot), previous == null ? options : options.withPrevious(previous));
        OpinionMap map = state.map();
        ObjectNode json = OpinionJson.toJson(map);
        maps.save(assemblyId, lastEvent, key, json.toString());
        if (live.size() >= MAX_LIVE && !live.containsKey(assemblyId)) live.keySet().stream().findFirst().ifPresent(live::remove);
        live.put(assemblyId, new Live(state, lastEvent, key));
        return new Computed(map, json, snapshot, previous != null, false);
    }

    /** A map kept in memory for updates: its state, the newest vote event it saw, and the options key it was made with. */
    private record Live(OpinionState state, long lastEventId, String key) { }

    /** How many assemblies' maps are kept in memory at once (each holds its votes: about 6 bytes a vote). */
    private static final int MAX_LIVE = 8;
    private final java.util.Map<Long, Live> live = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();
}
