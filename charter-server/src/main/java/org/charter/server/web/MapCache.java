package org.charter.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
import org.charter.server.OpinionService;
import org.charter.store.Database;
import org.charter.store.OpinionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opinion maps the pages use: each assembly's map is recomputed (with Polis's options, warm-started) when it is
 * older than the refresh period and votes came in since; meanwhile requests use the last one. Only one request per
 * assembly recomputes; the others keep using the previous map. An assembly too small for a map has none (empty).
 */
public final class MapCache {
    private static final Logger LOG = LoggerFactory.getLogger(MapCache.class);

    private record Entry(OpinionMap map, long lastEventId, Instant at) { }

    private final OpinionService service;
    private final OpinionStore store;
    private final Clock clock;
    private final Duration refresh;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();
    private final java.util.Set<Object> busy = ConcurrentHashMap.newKeySet();

    MapCache(OpinionService service, Database db, Clock clock, Duration refresh) {
        this.service = service;
        this.store = new OpinionStore(db, clock);
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The assembly's map, at most the refresh period old, if one can be computed. */
    public Optional<OpinionMap> map(long assemblyId) {
        return map(assemblyId, refresh);
    }

    /** The assembly's map including every vote so far (recomputed if votes came in), if one can be computed. */
    public Optional<OpinionMap> current(long assemblyId) {
        return map(assemblyId, Duration.ZERO);
    }

    private Optional<OpinionMap> map(long assemblyId, Duration maxAge) {
        Entry e = entries.get(assemblyId);
        Instant now = clock.instant();
        if (e != null && Duration.between(e.at(), now).compareTo(maxAge) < 0) return Optional.ofNullable(e.map());
        Object lock = locks.computeIfAbsent(assemblyId, k -> new Object());
        // while another request recomputes, use the map we have
        boolean marked = e != null && busy.add(lock);
        if (e != null && !marked) return Optional.ofNullable(e.map());
        synchronized (lock) {
            try {
                Entry again = entries.get(assemblyId);
                if (again != null && again != e) return Optional.ofNullable(again.map());
                long last = store.lastEventId(assemblyId);
                if (again != null && again.lastEventId() == last) {
                    entries.put(assemblyId, new Entry(again.map(), last, now));
                    return Optional.ofNullable(again.map());
                }
                OpinionMap map = compute(assemblyId);
                entries.put(assemblyId, new Entry(map, last, now));
                return Optional.ofNullable(map);
            } finally {
                if (marked) busy.remove(lock);
            }
        }
    }

    /** Forgets the assembly's map (after a change that votes do not show, such as moderation). */
    public void invalidate(long assemblyId) {
        entries.remove(assemblyId);
    }


    private OpinionMap compute(long assemblyId) {
        try {
            OpinionMap map = service.compute(assemblyId, OpinionOptions.polis()).map();
            return map.pca() == null ? null : map;
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.debug("no opinion map for assembly {}: {}", assemblyId, e.getMessage());
            return null;
        }
    }
}
