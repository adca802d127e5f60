package org.charter.core.welfare;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.polis.Csv;
import org.charter.core.assembly.polis.CsvFormatException;
import org.charter.core.math.Rational;

/**
 * Reads a {@link UtilityProfile} from CSV: a header line whose first cell names the option column (any text) and
 * whose other cells name the groups; then one line per option: its name, then one utility per group. An optional
 * line whose first cell is {@code #weights}, directly after the header, gives each group's weight (its size);
 * without it every group weighs 1. Numbers are read exactly: {@code 3}, {@code -3/4}, {@code 0.25}, {@code 1e3}.
 * Every error names the file, the line and the column.
 */
public final class UtilityCsv {
    /** The first cell of the optional weights line. */
    public static final String WEIGHTS_MARKER = "#weights";

    private UtilityCsv() { }

    public static UtilityProfile read(Reader in, String fileName) {
        List<Csv.Row> rows = Csv.read(in, fileName);
        if (rows.isEmpty()) throw new CsvFormatException(fileName, 0, null, "the file is empty (a header line naming the groups is needed)");
        Csv.Row header = rows.get(0);
        List<String> groups = new ArrayList<>();
        var seenGroups = new HashMap<String, Integer>();
        for (int c = 1; c < header.fields().size(); c++) {
            String g = header.fields().get(c).trim();
            String col = columnName(header, c);
            if (g.isEmpty()) throw new CsvFormatException(fileName, header.line(), col, "a group name in the header is blank");
            if (seenGroups.putIfAbsent(g, c) != null) {
                throw new CsvFormatException(fileName, header.line(), col, "the group \"" + g + "\" appears twice in the header");
            }
            groups.add(g);
        }
        if (groups.isEmpty()) {
            throw new CsvFormatException(fileName, header.line(), null,
                    "the header needs the option column and at least one group column (e.g. option,north,south)");
        }
        int width = header.fields().size();
        List<Rational> weights = null;
        List<String> options = new ArrayList<>();
        List<List<Rational>> table = new ArrayList<>();
        Map<String, Integer> optionLines = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            Csv.Row row = rows.get(r);
            if (row.fields().size() != width) {
                throw new CsvFormatException(fileName, row.line(), null,
                        "expected " + width + " fields as in the header, found " + row.fields().size());
            }
            String name = row.fields().get(0).trim();
            if (name.equalsIgnoreCase(WEIGHTS_MARKER)) {
                if (r != 1) {
                    throw new CsvFormatException(fileName, row.line(), columnName(header, 0),
                            "the " + WEIGHTS_MARKER + " line must come directly after the header");
                }
                weights = new ArrayList<>();
                for (int c = 1; c < width; c++) {
                    Rational w = number(fileName, header, row, c, "a weight");
                    if (w.signum() <= 0) {
                        throw new CsvFormatException(fileName, row.line(), columnName(header, c), "a weight must be positive, found " + w);
                    }
                    weights.add(w);
                }
                continue;
            }
            if (name.isEmpty()) throw new CsvFormatException(fileName, row.line(), columnName(header, 0), "the option name is blank");
            Integer earlier = optionLines.putIfAbsent(name, row.line());
            if (earlier != null) {
                throw new CsvFormatException(fileName, row.line(), columnName(header, 0),
                        "the option \"" + name + "\" already appears on line " + earlier);
            }
            List<Rational> utilities = new ArrayList<>(width - 1);
            for (int c = 1; c < width; c++) utilities.add(number(fileName, header, row, c, "a utility"));
            options.add(name);
            table.add(utilities);
        }
        if (options.isEmpty()) throw new CsvFormatException(fileName, 0, null, "the file has no option lines after the header");
        if (weights == null) return UtilityProfile.unweighted(options, groups, table);
        return new UtilityProfile(options, groups, weights, table);
    }

    private static Rational number(String fileName, Csv.Row header, Csv.Row row, int c, String what) {
        String text = row.fields().get(c).trim();
        if (text.isEmpty()) throw new CsvFormatException(fileName, row.line(), columnName(header, c), what + " is missing (blank field)");
        try {
            return Rational.parse(text);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(fileName, row.line(), columnName(header, c),
                    "expected " + what + " such as 3, -3/4 or 0.25, found \"" + text + "\"");
        }
    }

    /** "north (3)": the header's name and the column's number from 1, or just the number when the header cell is blank. */
    private static String columnName(Csv.Row header, int c) {
        String h = c < header.fields().size() ? header.fields().get(c).trim() : "";
        return h.isEmpty() ? Integer.toString(c + 1) : h + " (" + (c + 1) + ")";
    }
}
