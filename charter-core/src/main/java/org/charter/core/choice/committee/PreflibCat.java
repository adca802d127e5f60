package org.charter.core.choice.committee;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads PrefLib categorical files ({@code .cat}) as approval profiles: a voter approves the alternatives of the
 * first category. Header lines {@code # KEY: value} follow PrefLib's specification (NUMBER ALTERNATIVES,
 * ALTERNATIVE NAME i (1-based), NUMBER VOTERS, NUMBER UNIQUE PREFERENCES, NUMBER CATEGORIES, CATEGORY NAME i, and
 * the descriptive fields); body lines are {@code count: {a,b},{c},{}} with one brace group per category.
 * Alternatives are 1-based in the file and 0-based in the profile; a line of count c becomes c voters.
 */
public final class PreflibCat {
    private PreflibCat() { }

    /**
     * Writes a profile as a PrefLib categorical file with two categories, approved and not approved. Identical
     * ballots are merged into one line with their count, in order of first appearance; a voter of whole weight w
     * counts w times. Fractional weights cannot be written (PrefLib counts are whole numbers) and are refused.
     */
    public static String write(ApprovalProfile profile, String title) {
        var counts = new java.util.LinkedHashMap<List<Integer>, Long>();
        for (int v = 0; v < profile.numVoters(); v++) {
            var w = profile.weight(v);
            if (!w.isInteger()) {
                throw new ProfileFormatException("voter " + v + " has weight " + w + "; PrefLib counts are whole numbers");
            }
            counts.merge(profile.approvedList(v), w.numerator().longValueExact(), Long::sum);
        }
        int m = profile.numCandidates();
        long voters = counts.values().stream().mapToLong(Long::longValue).sum();
        var out = new StringBuilder();
        out.append("# FILE NAME: \n# TITLE: ").append(title == null ? "" : title).append('\n')
                .append("# DESCRIPTION: \n# DATA TYPE: cat\n# MODIFICATION TYPE: original\n# RELATES TO: \n# RELATED FILES: \n")
                .append("# PUBLICATION DATE: \n# MODIFICATION DATE: \n")
                .append("# NUMBER ALTERNATIVES: ").append(m).append('\n');
        for (int c = 0; c < m; c++) out.append("# ALTERNATIVE NAME ").append(c + 1).append(": ").append(profile.name(c)).append('\n');
        out.append("# NUMBER VOTERS: ").append(voters).append('\n')
                .append("# NUMBER UNIQUE PREFERENCES: ").append(counts.size()).append('\n')
                .append("# NUMBER CATEGORIES: 2\n# CATEGORY NAME 1: Approved\n# CATEGORY NAME 2: Not approved\n");
        counts.forEach((approved, count) -> {
            var in = new java.util.TreeSet<>(approved);
            var rest = new ArrayList<Integer>();
            for (int c = 0; c < m; c++) if (!in.contains(c)) rest.add(c + 1);
            out.append(count).append(": {")
                    .append(String.join(",", in.stream().map(c -> Integer.toString(c + 1)).toList()))
                    .append("},{")
                    .append(String.join(",", rest.stream().map(String::valueOf).toList()))
                    .append("}\n");
        });
        return out.toString();
    }

    public static ApprovalProfile read(Reader in, String fileName) {
        Map<String, String> header = new HashMap<>();
        Map<String, Integer> headerLine = new HashMap<>();
        var approvals = new ArrayList<List<Integer>>();
        long voters = 0;
        int unique = 0;
        Integer m = null;
        Integer categories = null;
        try (var r = new BufferedReader(in)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String where = fileName + ":" + no;
                if (line.isBlank()) continue;
                if (line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) throw new ProfileFormatException(where + ": header line without 'KEY: value'");
                    String key = line.substring(1, colon).trim().toUpperCase(java.util.Locale.ROOT);
                    header.put(key, line.substring(colon + 1).trim());
                    headerLine.put(key, no);
                    continue;
                }
                if (m == null) {
                    m = headerInt(header, "NUMBER ALTERNATIVES", where);
                    categories = headerInt(header, "NUMBER CATEGORIES", where);
                    if (m < 1) throw new ProfileFormatException(where + ": NUMBER ALTERNATIVES must be positive");
                    if (categories < 1) throw new ProfileFormatException(where + ": NUMBER CATEGORIES must be positive");
                }
                int colon = line.indexOf(':');
                if (colon < 0) throw new ProfileFormatException(where + ": expected 'count: {..},{..}'");
                long count;
                try {
                    count = Long.parseLong(line.substring(0, colon).trim());
                } catch (NumberFormatException e) {
                    throw new ProfileFormatException(where + ": count '" + line.substring(0, colon).trim() + "' is not a number");
                }
                if (count < 1) throw new ProfileFormatException(where + ": count must be positive, is " + count);
                List<List<Integer>> groups = groups(line.substring(colon + 1), where, m);
                if (groups.size() != categories) {
                    throw new ProfileFormatException(where + ": " + groups.size() + " categories, the header says NUMBER CATEGORIES: " + categories);
                }
                var seen = new HashSet<Integer>();
                for (var g : groups) for (int a : g) {
                    if (!seen.add(a)) throw new ProfileFormatException(where + ": alternative " + (a + 1) + " appears twice");
                }
                if (voters + count > 10_000_000) throw new ProfileFormatException(where + ": more than 10,000,000 voters");
                for (long i = 0; i < count; i++) approvals.add(groups.get(0));
                voters += count;
                unique++;
            }
        } catch (IOException e) {
            throw new ProfileFormatException(fileName + ": cannot read: " + e.getMessage());
        }
        if (m == null) {
            m = headerInt(header, "NUMBER ALTERNATIVES", fileName);
        }
        if (header.containsKey("NUMBER VOTERS")) {
            String at = fileName + ":" + headerLine.get("NUMBER VOTERS");
            long declared = headerInt(header, "NUMBER VOTERS", at);
            if (declared != voters) throw new ProfileFormatException(at + ": NUMBER VOTERS is " + declared + " but the lines count " + voters + " voters");
        }
        if (header.containsKey("NUMBER UNIQUE PREFERENCES")) {
            String at = fileName + ":" + headerLine.get("NUMBER UNIQUE PREFERENCES");
            long declared = headerInt(header, "NUMBER UNIQUE PREFERENCES", at);
            if (declared != unique) throw new ProfileFormatException(at + ": NUMBER UNIQUE PREFERENCES is " + declared + " but there are " + unique + " preference lines");
        }
        var names = new ArrayList<String>();
        for (int a = 1; a <= m; a++) {
            String n = header.get("ALTERNATIVE NAME " + a);
            names.add(n == null || n.isBlank() ? Integer.toString(a) : n);
        }
        try {
            return new ApprovalProfile(names, approvals, null);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException(fileName + ": " + e.getMessage());
        }
    }

    private static int headerInt(Map<String, String> header, String key, String where) {
        String v = header.get(key);
        if (v == null) throw new ProfileFormatException(where + ": header '# " + key + ":' is missing");
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ProfileFormatException(where + ": header '" + key + "' is not a number: " + v);
        }
    }

    /** Parses "{1,2},{3},{}" into 0-based groups. */
    private static List<List<Integer>> groups(String body, String where, int m) {
        var out = new ArrayList<List<Integer>>();
        String s = body.trim();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == ',' || Character.isWhitespace(ch)) { i++; continue; }
            if (ch == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) throw new ProfileFormatException(where + ": unclosed '{'");
                out.add(alternatives(s.substring(i + 1, close), where, m));
                i = close + 1;
            } else {
                // PrefLib writes a single alternative without braces
                int end = s.indexOf(',', i);
                if (end < 0) end = s.length();
                out.add(alternatives(s.substring(i, end), where, m));
                i = end;
            }
        }
        return out;
    }

    private static List<Integer> alternatives(String text, String where, int m) {
        var out = new ArrayList<Integer>();
        for (String t : text.split(",")) {
            if (t.isBlank()) continue;
            int a;
            try {
                a = Integer.parseInt(t.trim());
            } catch (NumberFormatException e) {
                throw new ProfileFormatException(where + ": '" + t.trim() + "' is not an alternative number");
            }
            if (a < 1 || a > m) throw new ProfileFormatException(where + ": unknown alternative " + a + " (NUMBER ALTERNATIVES: " + m + ")");
            out.add(a - 1);
        }
        return List.copyOf(out);
    }
}
