package org.charter.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's shared real data, read in place from ../shared/data relative to the repository root. */
public final class SharedData {
    private SharedData() { }

    /** The six public Polis conversations in ../shared/data/polis, smallest first. */
    public static final List<String> POLIS_CONVERSATIONS = List.of("london.youth.policing", "bg2050-volunteers",
            "brexit-consensus", "scoop-hivemind.ubi", "15-per-hour-seattle", "vtaiwan.uberx");

    /** The repository root: Maven passes it to tests; otherwise the working directory or its parent. */
    public static Path root() {
        String prop = System.getProperty("charter.root");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("charter-core")) ? here : here.getParent();
    }

    /** A path under ../shared/data; fails with a message that says what is missing. */
    public static Path path(String relative) {
        Path data = root().resolve("../shared/data").normalize();
        Path p = data.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared test data is missing: " + p + " (tests read the project's shared data"
                    + " in place from ../shared/data beside the repository; see README.md)");
        }
        return p;
    }

    public static Path polis(String conversation) {
        return path("polis/" + conversation);
    }
}
