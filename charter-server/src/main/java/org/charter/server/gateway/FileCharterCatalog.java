package org.charter.server.gateway;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.charter.core.charter.Charter;

/**
 * A {@link CharterCatalog} over charter files: each file is read (with its parents) and bound once, when the catalog
 * is built, and served under the charter's id. Two files with the same id are refused, naming both. A changed file
 * is served after a restart.
 */
public final class FileCharterCatalog implements CharterCatalog {
    /** Reads one charter file, parents resolved; throws with the file's problems when it is not a valid charter. */
    @FunctionalInterface
    public interface Reader {
        Charter read(Path file) throws java.io.IOException;
    }

    private final Map<String, Entry> entries;
    private final Map<String, Path> files;

    private FileCharterCatalog(Map<String, Entry> entries, Map<String, Path> files) {
        this.entries = entries;
        this.files = files;
    }

    /**
     * Reads every file with {@code reader} and binds it with {@code binder} (embedding, calibration), in order.
     *
     * @throws IllegalArgumentException when no file is given or two charters share an id
     */
    public static FileCharterCatalog load(List<Path> paths, Reader reader, Function<Charter, Gateway.Bound> binder) throws java.io.IOException {
        if (paths.isEmpty()) throw new IllegalArgumentException("a charter catalog needs at least one charter file");
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path p : paths) {
            Charter c = reader.read(p);
            if (entries.containsKey(c.id())) {
                throw new IllegalArgumentException(p + " and " + files.get(c.id()) + " both hold a charter with the id '" + c.id() + "'");
            }
            entries.put(c.id(), Entry.of(binder.apply(c)));
            files.put(c.id(), p);
        }
        return new FileCharterCatalog(java.util.Collections.unmodifiableMap(entries), java.util.Collections.unmodifiableMap(files));
    }

    @Override
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public Optional<Entry> current(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The file a served charter came from. */
    public Optional<Path> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
