package org.charter.server.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The charters a gateway serves, by name: each name leads to the charter's current version, bound and ready
 * ({@link Gateway.Bound}: resolver, judge and thresholds built once). Implementations are thread-safe; a lookup is on
 * the path of every request, so it must not do I/O each time. {@link FileCharterCatalog} serves charter files; a
 * store-backed catalog serves ratified versions from the database.
 */
public interface CharterCatalog {
    /** A served charter: its name (the charter's id), its current version string, and the charter bound for serving. */
    record Entry(String name, String version, Gateway.Bound bound) {
        public Entry {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a served charter needs a name");
            if (version == null || version.isBlank()) throw new IllegalArgumentException("charter '" + name + "' needs a version");
            java.util.Objects.requireNonNull(bound, "bound");
        }

        public static Entry of(Gateway.Bound bound) {
            return new Entry(bound.charter().id(), bound.charter().version(), bound);
        }
    }

    /** The names served, in a stable order. */
    List<String> names();

    /** The current version of the charter called {@code name}, if one is served. */
    Optional<Entry> current(String name);

    /** A fixed catalog over charters already bound, named by their ids. */
    static CharterCatalog of(Map<String, Gateway.Bound> charters) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        charters.forEach((name, b) -> entries.put(name, new Entry(name, b.charter().version(), b)));
        Map<String, Entry> fixed = java.util.Collections.unmodifiableMap(entries);
        return new CharterCatalog() {
            @Override
            public List<String> names() {
                return List.copyOf(fixed.keySet());
            }

            @Override
            public Optional<Entry> current(String name) {
                return Optional.ofNullable(fixed.get(name));
            }
        };
    }
}
