package org.charter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.charter.core.choice.Election;
import org.charter.core.choice.OrdinalElection;
import org.charter.core.choice.PrefLib;
import org.charter.core.choice.ProfileJson;
import org.charter.core.choice.Truncation;

/** Reads an election file for the vote and axioms commands: PrefLib by its extension (.soc .soi .toc .toi) or JSON. */
final class ElectionFiles {
    private ElectionFiles() { }

    static Truncation truncation(String text) {
        try {
            return Truncation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--truncated must be below or incomparable, got \"" + text + "\"");
        }
    }

    static Election read(Path file, Truncation truncation) {
        String name = file.getFileName().toString();
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        if (PrefLib.typeOf(name) == null && !json) {
            throw new UsageException(file + ": unknown file type (expected PrefLib .soc, .soi, .toc, .toi or .json)");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (json) return ProfileJson.read(text, file.toString(), truncation);
        return OrdinalElection.of(PrefLib.read(text, file.toString()).profile(), truncation);
    }
}
