package org.charter.core.charter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.charter.core.SharedData;

/** The example charters in examples/charters, and a file lookup for parents relative to the naming file (tests only). */
final class ExampleCharters {
    private ExampleCharters() { }

    static Path dir() {
        return SharedData.root().resolve("examples/charters");
    }

    static Charter read(Path p) {
        try {
            return CharterReader.read(Files.readString(p), p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Charter city() {
        return read(dir().resolve("city-helpdesk.yaml"));
    }

    static CharterResolver.Lookup files() {
        return (from, ref) -> {
            Path p = Path.of(from).toAbsolutePath().getParent().resolve(ref).normalize();
            if (!Files.exists(p)) return Optional.empty();
            try {
                return Optional.of(CharterReader.load(Files.readString(p), p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A lookup over in-memory texts by name, for small cases. */
    static CharterResolver.Lookup texts(Map<String, String> byName) {
        return (from, ref) -> Optional.ofNullable(byName.get(ref)).map(t -> CharterReader.load(t, ref));
    }
}
