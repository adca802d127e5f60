package org.charter.core.choice;

/** A PrefLib or JSON profile file that does not follow its format: the message names the file, the line and what is wrong. */
public final class PrefLibFormatException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public PrefLibFormatException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
