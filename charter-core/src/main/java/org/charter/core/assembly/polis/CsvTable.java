package org.charter.core.assembly.polis;

import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A CSV file with a header line, whose typed accessors report the file, line and column of any bad value. */
final class CsvTable {
    final String file;
    final List<String> header;
    final List<Csv.Row> rows;
    private final Map<String, Integer> index = new HashMap<>();

    CsvTable(Reader in, String file) {
        this.file = file;
        List<Csv.Row> all = Csv.read(in, file);
        if (all.isEmpty()) throw new CsvFormatException(file, 0, null, "the file is empty (a header line is needed)");
        this.header = all.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            if (index.putIfAbsent(header.get(i).trim(), i) != null) {
                throw new CsvFormatException(file, 1, header.get(i), "the column appears twice in the header");
            }
        }
        this.rows = all.subList(1, all.size());
        for (Csv.Row row : rows) {
            if (row.fields().size() != header.size()) {
                throw new CsvFormatException(file, row.line(), null, "expected " + header.size()
                        + " fields as in the header, found " + row.fields().size());
            }
        }
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    void require(String... columns) {
        for (String c : columns) {
            if (!has(c)) throw new CsvFormatException(file, 1, c, "the header lacks this column");
        }
    }

    String text(Csv.Row row, String column) {
        Integer i = index.get(column);
        return i == null ? null : row.fields().get(i);
    }

    long longValue(Csv.Row row, String column) {
        String s = text(row, column).trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(row, column, "expected a whole number, found \"" + s + "\"");
        }
    }

    int intValue(Csv.Row row, String column) {
        long v = longValue(row, column);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw error(row, column, "the number " + v + " is too large");
        return (int) v;
    }

    /** A non-negative id such as Polis's pid or tid. */
    int id(Csv.Row row, String column) {
        int v = intValue(row, column);
        if (v < 0) throw error(row, column, "an id must not be negative, found " + v);
        return v;
    }

    /** A non-negative id, or null when blank. */
    Integer optionalId(Csv.Row row, String column) {
        String s = text(row, column);
        return s == null || s.isBlank() ? null : id(row, column);
    }

    /** Blank means absent. */
    Integer optionalInt(Csv.Row row, String column) {
        String s = text(row, column);
        return s == null || s.isBlank() ? null : intValue(row, column);
    }

    /** true / false (also t / f, 1 / 0); a blank or missing column is false. */
    boolean bool(Csv.Row row, String column) {
        String s = text(row, column);
        if (s == null || s.isBlank()) return false;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> true;
            case "false", "f", "0" -> false;
            default -> throw error(row, column, "expected true or false, found \"" + s + "\"");
        };
    }

    CsvFormatException error(Csv.Row row, String column, String problem) {
        return new CsvFormatException(file, row.line(), column, problem);
    }
}
