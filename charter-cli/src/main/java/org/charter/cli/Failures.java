package org.charter.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user sees: what failed and where, never a stack trace. */
final class Failures {
    private Failures() { }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) e = u.getCause();
        if (e instanceof NoSuchFileException n) return "no such file: " + n.getFile();
        String message = e.getMessage();
        // Libraries sometimes wrap the useful message; take the innermost one that says something.
        Throwable t = e;
        while ((message == null || message.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        if (message == null || message.isBlank()) message = e.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
