package org.charter.core.choice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes PrefLib's ordinal formats: .soc (strict complete), .soi (strict incomplete), .toc (ties complete)
 * and .toi (ties incomplete). A file is a header of {@code # KEY: value} lines (FILE NAME, TITLE, DESCRIPTION, DATA
 * TYPE, MODIFICATION TYPE, RELATES TO, RELATED FILES, PUBLICATION DATE, MODIFICATION DATE, NUMBER ALTERNATIVES,
 * ALTERNATIVE NAME i, NUMBER VOTERS, NUMBER UNIQUE ORDERS) and a body of lines {@code count: 1,{4,3},2} (alternatives
 * numbered from 1, braces for a tie, best first).
 */
public final class PrefLib {
    /*
     * [1] N. Mattei, T. Walsh. "PrefLib: a library for preferences." ADT 2013; format specification
     *     FORMAT_SPECIFICATION.md of PrefLib/PrefLib-Data (2022).
     */
    private PrefLib() { }

    /** The ordinal data types PrefLib defines. */
    public static final List<String> TYPES = List.of("soc", "soi", "toc", "toi");

    /** The header keys of PrefLib's specification, in its order (before the alternative names). */
    public static final List<String> HEADER_KEYS = List.of("FILE NAME", "TITLE", "DESCRIPTION", "DATA TYPE", "MODIFICATION TYPE",
            "RELATES TO", "RELATED FILES", "PUBLICATION DATE", "MODIFICATION DATE", "NUMBER ALTERNATIVES", "NUMBER VOTERS",
            "NUMBER UNIQUE ORDERS");

    /** A PrefLib file read: its header fields (as written, in order) and the profile (candidates from ALTERNATIVE NAME i). */
    public record File(String fileName, Map<String, String> header, Profile profile) {
        public File {
            header = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(header));
        }

        public String dataType() {
            return header.getOrDefault("DATA TYPE", "");
        }
    }

    /** The data type from a file name's extension, or null when it is not an ordinal PrefLib type. */
    public static String typeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.contains(ext) ? ext : null;
    }

    public static File read(Reader reader, String fileName) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
        }
        return parse(lines, fileName);
    }

    public static File read(String text, String fileName) {
        return parse(text.lines().toList(), fileName);
    }

    private static File parse(List<String> lines, String fileName) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Integer> headerLine = new LinkedHashMap<>();
        int i = 0;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            if (!l.startsWith("#")) break;
            String body = l.substring(1).strip();
            int colon = body.indexOf(':');
            if (colon < 0) throw new PrefLibFormatException(fileName, i + 1, "header line is not '# KEY: value': " + l);
            String key = body.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            header.put(key, body.substring(colon + 1).strip());
            headerLine.put(key, i + 1);
        }
        int m = headerInt(header, headerLine, "NUMBER ALTERNATIVES", fileName);
        if (m < 1) throw new PrefLibFormatException(fileName, headerLine.get("NUMBER ALTERNATIVES"), "NUMBER ALTERNATIVES must be positive");
        List<String> names = new ArrayList<>();
        for (int a = 1; a <= m; a++) {
            String name = header.get("ALTERNATIVE NAME " + a);
            if (name == null) throw new PrefLibFormatException(fileName, 0, "header lacks ALTERNATIVE NAME " + a + " (NUMBER ALTERNATIVES is " + m + ")");
            if (names.contains(name)) throw new PrefLibFormatException(fileName, headerLine.get("ALTERNATIVE NAME " + a), "alternative name \"" + name + "\" appears twice");
            names.add(name);
        }
        for (String key : header.keySet()) {
            if (key.startsWith("ALTERNATIVE NAME ")) {
                String num = key.substring("ALTERNATIVE NAME ".length()).strip();
                int a;
                try {
                    a = Integer.parseInt(num);
                } catch (NumberFormatException e) {
                    throw new PrefLibFormatException(fileName, headerLine.get(key), "alternative number \"" + num + "\" is not a number");
                }
                if (a < 1 || a > m) throw new PrefLibFormatException(fileName, headerLine.get(key), "ALTERNATIVE NAME " + a + " is outside 1.." + m);
            }
        }
        String type = header.getOrDefault("DATA TYPE", typeOf(fileName) == null ? "toi" : typeOf(fileName)).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) throw new PrefLibFormatException(fileName, headerLine.getOrDefault("DATA TYPE", 0), "DATA TYPE \"" + type + "\" is not an ordinal type (soc, soi, toc, toi)");
        boolean complete = type.endsWith("c");
        boolean strict = type.startsWith("s");
        List<Ballot> ballots = new ArrayList<>();
        long total = 0;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            int line = i + 1;
            if (l.startsWith("#")) throw new PrefLibFormatException(fileName, line, "header line after the first preference line");
            Ballot b = parseOrder(l, m, fileName, line);
            if (strict && !b.isStrict()) throw new PrefLibFormatException(fileName, line, "a tie in a ." + type + " file (strict orders only)");
            if (complete && b.rankedCount() != m) throw new PrefLibFormatException(fileName, line, "ranks " + b.rankedCount() + " of " + m + " alternatives in a ." + type + " file (complete orders only)");
            ballots.add(b);
            total = Math.addExact(total, b.count());
        }
        if (header.containsKey("NUMBER VOTERS")) {
            long voters = headerLong(header, headerLine, "NUMBER VOTERS", fileName);
            if (voters != total) throw new PrefLibFormatException(fileName, headerLine.get("NUMBER VOTERS"), "NUMBER VOTERS is " + voters + " but the counts add up to " + total);
        }
        if (header.containsKey("NUMBER UNIQUE ORDERS")) {
            long unique = headerLong(header, headerLine, "NUMBER UNIQUE ORDERS", fileName);
            if (unique != ballots.size()) throw new PrefLibFormatException(fileName, headerLine.get("NUMBER UNIQUE ORDERS"), "NUMBER UNIQUE ORDERS is " + unique + " but there are " + ballots.size() + " order lines");
        }
        return new File(fileName, header, new Profile(names, ballots));
    }

    private static int headerInt(Map<String, String> h, Map<String, Integer> lines, String key, String file) {
        long v = headerLong(h, lines, key, file);
        if (v > Integer.MAX_VALUE) throw new PrefLibFormatException(file, lines.get(key), key + " is too large");
        return (int) v;
    }

    private static long headerLong(Map<String, String> h, Map<String, Integer> lines, String key, String file) {
        String v = h.get(key);
        if (v == null) throw new PrefLibFormatException(file, 0, "header lacks " + key);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new PrefLibFormatException(file, lines.get(key), key + " \"" + v + "\" is not a whole number");
        }
    }

    private static Ballot parseOrder(String l, int m, String file, int line) {
        int colon = l.indexOf(':');
        if (colon < 0) throw new PrefLibFormatException(file, line, "preference line is not 'count: order': " + l);
        long count;
        try {
            count = Long.parseLong(l.substring(0, colon).strip());
        } catch (NumberFormatException e) {
            throw new PrefLibFormatException(file, line, "count \"" + l.substring(0, colon).strip() + "\" is not a whole number");
        }
        if (count <= 0) throw new PrefLibFormatException(file, line, "count must be positive, got " + count);
        String s = l.substring(colon + 1).strip();
        List<List<Integer>> tiers = new ArrayList<>();
        boolean[] seen = new boolean[m + 1];
        int pos = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            List<Integer> tier = new ArrayList<>();
            int end;
            if (c == '{') {
                end = s.indexOf('}', pos);
                if (end < 0) throw new PrefLibFormatException(file, line, "'{' without '}'");
                String inner = s.substring(pos + 1, end).strip();
                if (inner.isEmpty()) throw new PrefLibFormatException(file, line, "empty tie '{}' in an order");
                for (String item : inner.split(",")) tier.add(alternative(item, m, seen, file, line));
                end++;
            } else {
                end = s.indexOf(',', pos);
                if (end < 0) end = s.length();
                tier.add(alternative(s.substring(pos, end), m, seen, file, line));
            }
            tiers.add(tier);
            pos = end;
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
            if (pos < s.length()) {
                if (s.charAt(pos) != ',') throw new PrefLibFormatException(file, line, "expected ',' at column " + (colon + 2 + pos) + " of the order");
                pos++;
                while (pos < s.length() && s.charAt(pos) == ' ') pos++;
                if (pos == s.length()) throw new PrefLibFormatException(file, line, "order ends with ','");
            }
        }
        if (tiers.isEmpty()) throw new PrefLibFormatException(file, line, "empty order");
        return Ballot.of(tiers, count);
    }

    private static int alternative(String item, int m, boolean[] seen, String file, int line) {
        String t = item.strip();
        int a;
        try {
            a = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new PrefLibFormatException(file, line, "\"" + t + "\" is not an alternative number");
        }
        if (a < 1 || a > m) throw new PrefLibFormatException(file, line, "unknown alternative " + a + " (alternatives are numbered 1.." + m + ")");
        if (seen[a]) throw new PrefLibFormatException(file, line, "alternative " + a + " appears twice in one order");
        seen[a] = true;
        return a - 1;
    }

    /** The most restrictive type that fits the profile: soc, soi, toc or toi. */
    public static String fittingType(Profile p) {
        return (p.isStrict() ? "s" : "t") + "o" + (p.isComplete() ? "c" : "i");
    }

    /**
     * Writes the profile as a PrefLib file: the given header fields (FILE NAME, TITLE...) in the specification's
     * order, DATA TYPE, NUMBER ALTERNATIVES, ALTERNATIVE NAME i, NUMBER VOTERS and NUMBER UNIQUE ORDERS computed from
     * the profile; identical orders merged, lines by decreasing count.
     */
    public static String write(Profile p, Map<String, String> fields) {
        Map<List<List<Integer>>, Long> merged = new LinkedHashMap<>();
        for (Ballot b : p.ballots()) merged.merge(b.ranking(), b.count(), Long::sum);
        Map<String, String> h = new LinkedHashMap<>();
        for (String key : HEADER_KEYS) h.put(key, fields.getOrDefault(key, ""));
        h.put("DATA TYPE", fittingType(p));
        if (h.get("MODIFICATION TYPE").isEmpty()) h.put("MODIFICATION TYPE", "synthetic");
        h.put("NUMBER ALTERNATIVES", Integer.toString(p.size()));
        h.put("NUMBER VOTERS", Long.toString(p.voters()));
        h.put("NUMBER UNIQUE ORDERS", Integer.toString(merged.size()));
        StringBuilder s = new StringBuilder();
        for (var e : h.entrySet()) {
            s.append("# ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            if (e.getKey().equals("NUMBER UNIQUE ORDERS")) {
                for (int a = 0; a < p.size(); a++) s.append("# ALTERNATIVE NAME ").append(a + 1).append(": ").append(p.candidates().get(a)).append('\n');
            }
        }
        merged.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).forEach(e -> {
            s.append(e.getValue()).append(": ");
            List<String> items = new ArrayList<>();
            for (List<Integer> tier : e.getKey()) {
                if (tier.size() == 1) items.add(Integer.toString(tier.get(0) + 1));
                else items.add("{" + String.join(",", tier.stream().map(c -> Integer.toString(c + 1)).toList()) + "}");
            }
            s.append(String.join(",", items)).append('\n');
        });
        return s.toString();
    }
}
