package org.charter.core.charter;

/**
 * One problem found in a charter file: the file, the path of the offending value ({@code clauses[3].authority}), its
 * line when known (0 when not), and the reason.
 */
public record Problem(String file, String path, int line, String reason) {
    public Problem {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a problem needs a reason");
    }

    /** {@code file: path: reason (line N)}, the form {@code charter validate} prints. */
    @Override
    public String toString() {
        return file + ": " + (path.isEmpty() ? "(document)" : path) + ": " + reason + (line > 0 ? " (line " + line + ")" : "");
    }
}
