package org.charter.core.welfare;

/** A game file that cannot be read, with the place of the problem: file, line (from 1; 0 for the whole file) and field. */
public final class GameFormatException extends RuntimeException {
    public GameFormatException(String file, int line, String field, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + (field != null ? ", field " + field : "") + ": " + problem);
    }
}
