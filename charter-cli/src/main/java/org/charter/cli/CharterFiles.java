package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.charter.core.charter.CharterReader;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.Problem;

/** Reading charter files for the commands: parents are resolved as paths relative to the file that names them. */
final class CharterFiles {
    private CharterFiles() { }

    /** Reads and resolves a charter and its parents; throws {@link InvalidCharterException} listing every problem. */
    static CharterResolver.Resolved load(Path file) throws IOException {
        String text = read(file);
        String name = display(file);
        return CharterResolver.resolve(CharterReader.load(text, name), CharterFiles::findParent);
    }

    /** The lookup for parents: the reference is a path relative to the directory of the naming file. */
    static Optional<CharterResolver.Loaded> findParent(String fromFile, String reference) {
        Path base = Path.of(fromFile).toAbsolutePath().getParent();
        Path p = base.resolve(reference).normalize();
        if (!Files.isRegularFile(p)) return Optional.empty();
        String name = display(p);
        try {
            return Optional.of(CharterReader.load(read(p), name));
        } catch (IOException e) {
            throw new InvalidCharterException(List.of(new Problem(name, "", 0, "cannot read: " + e.getMessage())));
        }
    }

    /**
     * The name problems cite and cycles are detected by: the normalised path, relative to the working directory when
     * the file is under it (as a user would type it), else absolute.
     */
    static String display(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** Prints every problem, one per line ({@code file: path: reason}), then a count; returns exit code 1. */
    static int report(InvalidCharterException e, PrintWriter err) {
        for (Problem p : e.problems()) err.println(p);
        err.println("charter: " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
        err.flush();
        return 1;
    }
}
