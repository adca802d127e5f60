package org.charter.core.assembly.polis;

/** A file that cannot be read as expected, with the place of the problem: file, line (from 1) and column. */
public final class CsvFormatException extends RuntimeException {
    private final String file;
    private final int line;
    private final String column;

    public CsvFormatException(String file, int line, String column, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + (column != null ? ", column " + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    /** The line the problem is on, from 1; 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The column's header name (or number when the header has none), or null. */
    public String column() {
        return column;
    }
}
