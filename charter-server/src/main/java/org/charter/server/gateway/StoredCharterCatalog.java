package org.charter.server.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.charter.core.charter.Charter;
import org.charter.store.CharterStore;

/**
 * A {@link CharterCatalog} over the charter versions stored in the database (ratified on the web pages or imported
 * with {@code charter charters import}), in front of the charters given as files: a name stored in the database
 * serves its latest stored version (with its parents resolved from the store); a name only given as a file serves the
 * file. A version is bound once (its clauses embedded) and kept; the store is asked for a newer version at most once
 * per {@code recheck} for each name, so a freshly ratified version is served within that time and a request does no
 * database read in between.
 */
public final class StoredCharterCatalog implements CharterCatalog {
    private final CharterStore store;
    private final CharterCatalog files;
    private final Function<Charter, Gateway.Bound> binder;
    private final Clock clock;
    private final long recheckMillis;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile Names names = new Names(List.of(), Long.MIN_VALUE);

    private record Cached(Optional<Entry> entry, int number, long checkedAt) { }

    private record Names(List<String> stored, long checkedAt) { }

    /**
     * @param files  the charters given as files (may be empty: {@code CharterCatalog.of(Map.of())})
     * @param binder binds a charter for serving (embedding, calibration)
     */
    public StoredCharterCatalog(CharterStore store, CharterCatalog files, Function<Charter, Gateway.Bound> binder, Clock clock, Duration recheck) {
        this.store = store;
        this.files = files;
        this.binder = binder;
        this.clock = clock;
        this.recheckMillis = recheck.toMillis();
    }

    @Override
    public List<String> names() {
        var out = new ArrayList<>(files.names());
        for (String n : storedNames()) if (!out.contains(n)) out.add(n);
        return List.copyOf(out);
    }

    @Override
    public Optional<Entry> current(String name) {
        if (!storedNames().contains(name)) return files.current(name);
        long now = clock.millis();
        Cached cached = cache.get(name);
        if (cached != null && now - cached.checkedAt() < recheckMillis) return cached.entry();
        return cache.compute(name, (n, before) -> {
            if (before != null && now - before.checkedAt() < recheckMillis) return before;
            var latest = store.latest(n);
            if (latest.isEmpty()) return new Cached(files.current(n), 0, now);
            if (before != null && before.number() == latest.get().number()) return new Cached(before.entry(), before.number(), now);
            Charter effective = store.resolve(latest.get()).effective();
            var bound = binder.apply(effective);
            return new Cached(Optional.of(new Entry(n, latest.get().number() + " (" + effective.version() + ")", bound)), latest.get().number(), now);
        }).entry();
    }

    private List<String> storedNames() {
        Names n = names;
        long now = clock.millis();
        if (n.checkedAt() != Long.MIN_VALUE && now - n.checkedAt() < recheckMillis) return n.stored(); // MIN_VALUE: never read
        Names fresh = new Names(store.names(), now);
        names = fresh;
        return fresh.stored();
    }
}
