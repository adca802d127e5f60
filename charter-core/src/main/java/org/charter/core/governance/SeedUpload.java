package org.charter.core.governance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A moderator's bulk upload of seed statements, checked line by line before anything is stored: every line is
 * either accepted or rejected with its line number and reason, and empty lines are counted. The upload is
 * all-or-nothing: a caller stores the accepted statements only when no line was rejected.
 *
 * <p>Two formats. {@code lines}: one statement per line. {@code csv}: RFC 4180 CSV whose first column is the text and
 * whose optional second column is {@code meta} ({@code true}/{@code false}, empty for false); a first row whose first
 * cell is {@code text} is a header. A quoted cell may hold commas, doubled quotes and line breaks; its line number is
 * the line where its record starts.
 */
public final class SeedUpload {
    private SeedUpload() { }

    /** A statement ready to store: its source line, text and meta flag. */
    public record Accepted(int line, String text, boolean meta) { }

    /**
     * A line that cannot be stored, and why: a reason code (empty, too-long, control, exists, repeats, columns, meta,
     * unclosed) with its arguments, for pages to translate, and the reason in English.
     */
    public record Rejected(int line, String content, String code, List<Object> args, String reason) {
        public Rejected {
            args = List.copyOf(args);
        }
    }

    private static Rejected reject(int line, String content, String code, String reason, Object... args) {
        return new Rejected(line, content, code, List.of(args), reason);
    }

    /** The check of a whole upload. */
    public record Result(List<Accepted> accepted, List<Rejected> rejected, int emptyLines) {
        public Result {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }

        /** Whether the batch may be stored: at least one statement and no rejected line. */
        public boolean storable() {
            return rejected.isEmpty() && !accepted.isEmpty();
        }
    }

    public enum Format {
        LINES, CSV;

        public static Format parse(String s) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(s == null ? "" : s.strip())) return f;
            throw new IllegalArgumentException("format '" + s + "' must be lines or csv");
        }
    }

    /**
     * Checks an upload.
     *
     * @param existing   the texts already in the assembly (compared ignoring case and surrounding whitespace)
     * @param maxLength  the longest text allowed
     */
    public static Result check(String text, Format format, Set<String> existing, int maxLength) {
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        if (format == Format.LINES) {
            String[] ls = text.split("\r\n|\n|\r", -1);
            for (int i = 0; i < ls.length; i++) {
                records.add(new String[] {ls[i]});
                lines.add(i + 1);
            }
        } else {
            csv(text, records, lines, rejected);
        }
        Map<String, Integer> seen = new HashMap<>();
        Set<String> old = new java.util.HashSet<>();
        for (String e : existing) old.add(key(e));
        List<Accepted> accepted = new ArrayList<>();
        int empty = 0;
        for (int r = 0; r < records.size(); r++) {
            String[] cells = records.get(r);
            int line = lines.get(r);
            String raw = cells[0];
            if (format == Format.CSV && r == 0 && raw.strip().equalsIgnoreCase("text")) continue;
            if (cells.length == 1 && raw.isBlank()) {
                empty++;
                continue;
            }
            String t = raw.strip();
            if (format == Format.CSV && cells.length > 2) {
                rejected.add(reject(line, raw, "columns", "has " + cells.length + " columns; expected text and an optional meta column", cells.length));
                continue;
            }
            boolean meta = false;
            if (cells.length == 2) {
                String m = cells[1].strip().toLowerCase(Locale.ROOT);
                if (m.equals("true")) meta = true;
                else if (!m.isEmpty() && !m.equals("false")) {
                    rejected.add(reject(line, raw, "meta", "meta must be true, false or empty, not '" + cells[1] + "'", cells[1]));
                    continue;
                }
            }
            if (t.isEmpty()) rejected.add(reject(line, raw, "empty", "the text is empty"));
            else if (t.length() > maxLength) rejected.add(reject(line, t, "too-long", "is " + t.length() + " characters long; the limit is " + maxLength, t.length(), maxLength));
            else if (t.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                rejected.add(reject(line, t, "control", "contains control characters"));
            } else if (old.contains(key(t))) rejected.add(reject(line, t, "exists", "the assembly already has this statement"));
            else if (seen.containsKey(key(t))) rejected.add(reject(line, t, "repeats", "repeats line " + seen.get(key(t)), seen.get(key(t))));
            else {
                seen.put(key(t), line);
                accepted.add(new Accepted(line, t, meta));
            }
        }
        rejected.sort(java.util.Comparator.comparingInt(Rejected::line));
        return new Result(accepted, rejected, empty);
    }

    private static String key(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** RFC 4180 records with the line each starts on; an unterminated quote rejects the rest of the text. */
    private static void csv(String text, List<String[]> records, List<Integer> lines, List<Rejected> rejected) {
        int line = 1, start = 1;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') line++;
                cell.append(c);
                i++;
                continue;
            }
            if (c == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                cells.add(cell.toString());
                records.add(cells.toArray(String[]::new));
                lines.add(start);
                cells.clear();
                cell.setLength(0);
                wasQuoted = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                i++;
                line++;
                start = line;
            } else {
                cell.append(c);
                i++;
            }
        }
        if (quoted) {
            rejected.add(reject(start, cell.toString(), "unclosed", "a quoted cell is never closed"));
            return;
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString());
            records.add(cells.toArray(String[]::new));
            lines.add(start);
        }
    }
}
