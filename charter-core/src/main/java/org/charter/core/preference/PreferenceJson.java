package org.charter.core.preference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Charter's JSON form for preference data, one object with {@code "items"} (a count, or distinct names) and one of:
 * <ul>
 *   <li>{@code "comparisons"} (Bradley-Terry): {@code [winner, loser]}, or
 *       {@code {"winner": w, "loser": l, "annotator": "p1", "group": "north", "count": 2}}; with an optional
 *       {@code "ties"} list of {@code [a, b]} or {@code {"items": [a, b], "annotator": ..., "group": ..., "count": ...}};</li>
 *   <li>{@code "rankings"} (Plackett-Luce): {@code [best, ..., worst]} or {@code {"ranking": [...], ...}};</li>
 *   <li>{@code "choices"} (top-1, multinomial logit): {@code [chosen, [other, ...]]} or
 *       {@code {"chosen": c, "others": [...], ...}}.</li>
 * </ul>
 * Items are named by index (0-based) or by name. An optional {@code "groups"} object maps annotators to groups (a
 * participant attribute). Errors name the file and the field ({@code comparisons[3].loser}); syntax errors the line.
 */
public final class PreferenceJson {
    private PreferenceJson() { }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a file holds: the model its data suit, the items, the choices, ties, and who made each choice. */
    public record Input(String model, List<String> items, Choices choices, int[] tiesA, int[] tiesB, String[] annotator, String[] group,
                        String[] tieAnnotator, String[] tieGroup) {
        /** Whether every choice names its annotator. */
        public boolean annotated() {
            for (String a : annotator) if (a == null) return false;
            return annotator.length > 0;
        }

        /** Whether every choice has a group (its own, or its annotator's from {@code "groups"}). */
        public boolean grouped() {
            for (String g : group) if (g == null) return false;
            return group.length > 0;
        }
    }

    /** A problem in a preference file: the file, the field or line, and the reason. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String file, String where, String reason) {
            super(file + ": " + (where.isEmpty() ? "" : where + ": ") + reason);
        }
    }

    public static Input read(String text, String file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new FormatException(file, "line " + line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new FormatException(file, "", "expected a JSON object with \"items\"");
        var r = new Reader(file, items(root, file));
        var known = List.of("items", "comparisons", "ties", "rankings", "choices", "groups");
        root.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) throw new FormatException(file, f, "unknown field; expected " + String.join(", ", known));
        });
        int kinds = (root.has("comparisons") ? 1 : 0) + (root.has("rankings") ? 1 : 0) + (root.has("choices") ? 1 : 0);
        if (kinds != 1) throw new FormatException(file, "", "expected exactly one of \"comparisons\", \"rankings\" or \"choices\"");
        if (root.has("ties") && !root.has("comparisons")) throw new FormatException(file, "ties", "ties go with \"comparisons\"");
        Map<String, String> groupOf = new HashMap<>();
        if (root.has("groups")) {
            JsonNode g = root.get("groups");
            if (!g.isObject()) throw new FormatException(file, "groups", "expected an object mapping annotators to groups");
            g.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) throw new FormatException(file, "groups." + e.getKey(), "expected a group name");
                groupOf.put(e.getKey(), e.getValue().asText());
            });
        }
        r.groupOf = groupOf;
        String model;
        if (root.has("comparisons")) {
            model = "bt";
            JsonNode list = array(root, "comparisons", file);
            for (int i = 0; i < list.size(); i++) r.comparison(list.get(i), "comparisons[" + i + "]");
            if (root.has("ties")) {
                JsonNode ties = array(root, "ties", file);
                for (int i = 0; i < ties.size(); i++) r.tie(ties.get(i), "ties[" + i + "]");
            }
        } else if (root.has("rankings")) {
            model = "pl";
            JsonNode list = array(root, "rankings", file);
            for (int i = 0; i < list.size(); i++) r.ranking(list.get(i), "rankings[" + i + "]");
        } else {
            model = "top1";
            JsonNode list = array(root, "choices", file);
            for (int i = 0; i < list.size(); i++) r.choice(list.get(i), "choices[" + i + "]");
        }
        if (r.builderSize == 0 && r.tiesA.isEmpty()) throw new FormatException(file, "", "no " + (model.equals("bt") ? "comparisons" : model.equals("pl") ? "rankings" : "choices"));
        return new Input(model, r.names, r.builder.build(), ints(r.tiesA), ints(r.tiesB), r.annotators.toArray(String[]::new),
                r.groups.toArray(String[]::new), r.tieAnnotators.toArray(String[]::new), r.tieGroups.toArray(String[]::new));
    }

    private static List<String> items(JsonNode root, String file) {
        JsonNode items = root.get("items");
        if (items == null) throw new FormatException(file, "items", "missing: give a count or a list of names");
        List<String> names = new ArrayList<>();
        if (items.isInt()) {
            if (items.asInt() < 2) throw new FormatException(file, "items", "at least 2 items are needed, found " + items.asInt());
            for (int i = 0; i < items.asInt(); i++) names.add(Integer.toString(i));
        } else if (items.isArray()) {
            var seen = new HashMap<String, Integer>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode n = items.get(i);
                if (!n.isTextual() || n.asText().isBlank()) throw new FormatException(file, "items[" + i + "]", "expected a non-blank name");
                if (seen.put(n.asText(), i) != null) throw new FormatException(file, "items[" + i + "]", "duplicate item \"" + n.asText() + "\"");
                names.add(n.asText());
            }
            if (names.size() < 2) throw new FormatException(file, "items", "at least 2 items are needed, found " + names.size());
        } else {
            throw new FormatException(file, "items", "expected a count or a list of names");
        }
        return names;
    }

    private static JsonNode array(JsonNode root, String field, String file) {
        JsonNode n = root.get(field);
        if (!n.isArray()) throw new FormatException(file, field, "expected a list");
        return n;
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Accumulates observations with their annotators and groups. */
    private static final class Reader {
        final String file;
        final List<String> names;
        final Map<String, Integer> index = new LinkedHashMap<>();
        final Choices.Builder builder;
        int builderSize;
        final List<String> annotators = new ArrayList<>(), groups = new ArrayList<>();
        final List<Integer> tiesA = new ArrayList<>(), tiesB = new ArrayList<>();
        final List<String> tieAnnotators = new ArrayList<>(), tieGroups = new ArrayList<>();
        Map<String, String> groupOf = Map.of();

        Reader(String file, List<String> names) {
            this.file = file;
            this.names = names;
            for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
            this.builder = new Choices.Builder(names.size());
        }

        int item(JsonNode n, String where) {
            if (n == null || n.isNull()) throw new FormatException(file, where, "missing item");
            if (n.isInt()) {
                int i = n.asInt();
                if (i < 0 || i >= names.size()) throw new FormatException(file, where, "item index " + i + " outside 0.." + (names.size() - 1));
                return i;
            }
            if (n.isTextual()) {
                Integer i = index.get(n.asText());
                if (i == null) {
                    throw new FormatException(file, where, "unknown item \"" + n.asText() + "\" (items: "
                            + String.join(", ", names.subList(0, Math.min(names.size(), 8))) + (names.size() > 8 ? ", ..." : "") + ")");
                }
                return i;
            }
            throw new FormatException(file, where, "expected an item index or name");
        }

        long count(JsonNode o, String where) {
            JsonNode c = o.get("count");
            if (c == null) return 1;
            if (!c.canConvertToLong() || !c.isIntegralNumber() || c.asLong() < 1) throw new FormatException(file, where + ".count", "expected a whole number >= 1");
            return c.asLong();
        }

        String text(JsonNode o, String field, String where) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) return null;
            if (!v.isTextual() && !v.isNumber()) throw new FormatException(file, where + "." + field, "expected a name");
            return v.asText();
        }

        void checkFields(JsonNode o, String where, List<String> allowed) {
            o.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) throw new FormatException(file, where + "." + f, "unknown field; expected " + String.join(", ", allowed));
            });
        }

        /** Adds one observation (its choices share annotator and group). */
        void observe(int[][] choices, long count, String annotator, String group, String where) {
            if (group == null && annotator != null) group = groupOf.get(annotator);
            for (int[] c : choices) {
                int[] others = java.util.Arrays.copyOfRange(c, 1, c.length);
                try {
                    builder.add(c[0], others, count);
                } catch (IllegalArgumentException e) {
                    throw new FormatException(file, where, e.getMessage().replaceFirst("^choice \\d+ ", ""));
                }
                builderSize++;
                annotators.add(annotator);
                groups.add(group);
            }
            builder.endObservation();
        }

        void comparison(JsonNode n, String where) {
            if (n.isArray()) {
                if (n.size() != 2) throw new FormatException(file, where, "expected [winner, loser]");
                int w = item(n.get(0), where + "[0]"), l = item(n.get(1), where + "[1]");
                if (w == l) throw new FormatException(file, where, "an item compared with itself");
                observe(new int[][] {{w, l}}, 1, null, null, where);
            } else if (n.isObject()) {
                checkFields(n, where, List.of("winner", "loser", "annotator", "group", "count"));
                int w = item(n.get("winner"), where + ".winner"), l = item(n.get("loser"), where + ".loser");
                if (w == l) throw new FormatException(file, where, "an item compared with itself");
                observe(new int[][] {{w, l}}, count(n, where), text(n, "annotator", where), text(n, "group", where), where);
            } else {
                throw new FormatException(file, where, "expected [winner, loser] or {\"winner\": ..., \"loser\": ...}");
            }
        }

        void tie(JsonNode n, String where) {
            JsonNode pair = n.isObject() ? n.get("items") : n;
            if (n.isObject()) checkFields(n, where, List.of("items", "annotator", "group", "count"));
            if (pair == null || !pair.isArray() || pair.size() != 2) throw new FormatException(file, where, "expected [a, b] or {\"items\": [a, b]}");
            int a = item(pair.get(0), where + "[0]"), b = item(pair.get(1), where + "[1]");
            if (a == b) throw new FormatException(file, where, "an item tied with itself");
            long count = n.isObject() ? count(n, where) : 1;
            String annotator = n.isObject() ? text(n, "annotator", where) : null;
            String group = n.isObject() ? text(n, "group", where) : null;
            if (group == null && annotator != null) group = groupOf.get(annotator);
            for (long k = 0; k < count; k++) {
                tiesA.add(a);
                tiesB.add(b);
                tieAnnotators.add(annotator);
                tieGroups.add(group);
            }
        }

        int[] list(JsonNode n, String where, int minimum) {
            if (n == null || !n.isArray()) throw new FormatException(file, where, "expected a list of items");
            int[] out = new int[n.size()];
            var seen = new java.util.BitSet();
            for (int i = 0; i < out.length; i++) {
                out[i] = item(n.get(i), where + "[" + i + "]");
                if (seen.get(out[i])) throw new FormatException(file, where + "[" + i + "]", "item \"" + names.get(out[i]) + "\" listed twice");
                seen.set(out[i]);
            }
            if (out.length < minimum) throw new FormatException(file, where, "needs at least " + minimum + " items, found " + out.length);
            return out;
        }

        void ranking(JsonNode n, String where) {
            JsonNode body = n.isObject() ? n.get("ranking") : n;
            if (n.isObject()) checkFields(n, where, List.of("ranking", "annotator", "group", "count"));
            String inner = n.isObject() ? where + ".ranking" : where;
            int[] r = list(body, inner, 2);
            int[][] choices = new int[r.length - 1][];
            for (int i = 0; i + 1 < r.length; i++) choices[i] = java.util.Arrays.copyOfRange(r, i, r.length);
            observe(choices, n.isObject() ? count(n, where) : 1, n.isObject() ? text(n, "annotator", where) : null,
                    n.isObject() ? text(n, "group", where) : null, where);
        }

        void choice(JsonNode n, String where) {
            int chosen;
            int[] others;
            String annotator = null, group = null;
            long count = 1;
            if (n.isArray()) {
                if (n.size() != 2) throw new FormatException(file, where, "expected [chosen, [other, ...]]");
                chosen = item(n.get(0), where + "[0]");
                others = list(n.get(1), where + "[1]", 1);
            } else if (n.isObject()) {
                checkFields(n, where, List.of("chosen", "others", "annotator", "group", "count"));
                chosen = item(n.get("chosen"), where + ".chosen");
                others = list(n.get("others"), where + ".others", 1);
                annotator = text(n, "annotator", where);
                group = text(n, "group", where);
                count = count(n, where);
            } else {
                throw new FormatException(file, where, "expected [chosen, [other, ...]] or {\"chosen\": ..., \"others\": [...]}");
            }
            for (int o : others) if (o == chosen) throw new FormatException(file, where, "item \"" + names.get(chosen) + "\" is both chosen and among the others");
            int[] set = new int[others.length + 1];
            set[0] = chosen;
            System.arraycopy(others, 0, set, 1, others.length);
            observe(new int[][] {set}, count, annotator, group, where);
        }
    }

    /** The model id for a --model flag value, validated. */
    public static String model(String s) {
        String m = s.toLowerCase(Locale.ROOT);
        if (!List.of("bt", "pl", "top1").contains(m)) throw new IllegalArgumentException("unknown model \"" + s + "\"; choose bt, pl or top1");
        return m;
    }
}
