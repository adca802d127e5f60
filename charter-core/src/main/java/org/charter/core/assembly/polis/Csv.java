package org.charter.core.assembly.polis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader and writer: comma-separated, fields optionally in double quotes, "" for a quote inside
 * one, line breaks allowed inside quotes. It remembers the line each record starts on, so that errors can say
 * where they are; that is why Charter reads Polis's CSV with its own code rather than a general library.
 */
public final class Csv {
    private Csv() { }

    /** One record: its fields and the line (from 1) it starts on. */
    public record Row(int line, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }
    }

    /** Reads every record of a file; blank lines between records are skipped. */
    public static List<Row> read(Reader in, String fileName) {
        try {
            return parse(in, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static List<Row> parse(Reader in, String fileName) throws IOException {
        var rows = new ArrayList<Row>();
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int line = 1, rowStart = 1, quoteStart = 0;
        boolean inQuotes = false, afterQuote = false, rowHasContent = false;
        int c = in.read();
        if (c == '\uFEFF') c = in.read(); // a byte-order mark is not data
        while (c != -1) {
            if (inQuotes) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        afterQuote = true;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                rowHasContent = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int next = in.read();
                    if (next != '\n') {
                        endRow(rows, fields, field, rowStart, rowHasContent);
                        line++;
                        rowStart = line;
                        afterQuote = false;
                        rowHasContent = false;
                        c = next;
                        continue;
                    }
                }
                endRow(rows, fields, field, rowStart, rowHasContent || !field.isEmpty());
                line++;
                rowStart = line;
                afterQuote = false;
                rowHasContent = false;
            } else if (afterQuote) {
                throw new CsvFormatException(fileName, line, "" + (fields.size() + 1),
                        "unexpected character '" + (char) c + "' after a closing quote");
            } else if (c == '"') {
                if (!field.isEmpty()) {
                    throw new CsvFormatException(fileName, line, "" + (fields.size() + 1),
                            "a quote inside an unquoted field (quote the whole field and double the quote)");
                }
                inQuotes = true;
                quoteStart = line;
                rowHasContent = true;
            } else {
                field.append((char) c);
                rowHasContent = true;
            }
            c = in.read();
        }
        if (inQuotes) {
            throw new CsvFormatException(fileName, quoteStart, "" + (fields.size() + 1),
                    "a quoted field is never closed");
        }
        endRow(rows, fields, field, rowStart, rowHasContent || !field.isEmpty());
        return rows;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, int line, boolean hasContent) {
        if (hasContent) {
            fields.add(field.toString());
            rows.add(new Row(line, fields));
        }
        fields.clear();
        field.setLength(0);
    }

    /** Appends one record, quoting only the fields that need it, ending with a line feed. */
    public static void writeRow(Appendable out, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) out.append(',');
                out.append(quote(fields.get(i)));
            }
            out.append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String field) {
        if (field == null) return "";
        // A leading byte-order mark is quoted too, or a reader would take it for the file's own and drop it.
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || field.startsWith("\uFEFF");
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
