package org.charter.server;

import java.time.Clock;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.opinion.OpinionEngine;
import org.charter.core.opinion.OpinionInput;
import org.charter.core.opinion.OpinionJson;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
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

    private final AssemblyStore assemblies;
    private final OpinionStore maps;

    public OpinionService(Database db, Clock clock) {
        this.assemblies = new AssemblyStore(db, clock);
        this.maps = new OpinionStore(db, clock);
    }

    /** What a computation gives: the map, its JSON, and the snapshot it was computed from (for statement texts). */
    public record Computed(OpinionMap map, ObjectNode json, AssemblySnapshot snapshot, boolean warmStarted) { }

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
        var zeroed = new StringBuilder();
        for (var s : assemblies.statements(assemblyId)) {
            if (s.meta() || s.moderation() == org.charter.core.assembly.Moderation.REJECTED) zeroed.append(s.tid()).append(',');
        }
        return "components=" + o.components() + ";groups=" + o.groups() + ";given=" + (o.givenGroups() == null ? "" : o.givenGroups().hashCode())
                + ";imputation=" + o.imputation() + ";seed=" + o.seed() + ";bootstrap=" + o.bootstrap() + ";zeroed=" + zeroed;
    }

    public Computed compute(long assemblyId, OpinionOptions options) {
        long lastEvent = maps.lastEventId(assemblyId);
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
        OpinionMap map = OpinionEngine.compute(OpinionInput.of(snapshot), previous == null ? options : options.withPrevious(previous));
        ObjectNode json = OpinionJson.toJson(map);
        maps.save(assemblyId, lastEvent, key(options, assemblyId), json.toString());
        return new Computed(map, json, snapshot, previous != null);
    }
}
