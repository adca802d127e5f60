package org.charter.core.choice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Charter's JSON forms for elections, one object with {@code "candidates"} (distinct names) and one of:
 * <ul>
 *   <li>{@code "ballots"}: ranked ballots, {@code {"ranking":[["a"],["b","c"]],"count":3}}: tiers best first, a tier
 *       of several names is a tie, names left out are unranked; {@code count} defaults to 1;</li>
 *   <li>{@code "grades"}: graded ballots, {@code {"scores":{"a":5,"b":0},"count":2}}: integer grades, names left out
 *       are not graded; {@code count} defaults to 1;</li>
 *   <li>{@code "approvals"}: approval ballots, {@code {"approved":["a","b"],"weight":"1/2"}}: {@code weight} a
 *       positive number or "p/q" string, default 1.</li>
 * </ul>
 * Errors name the file and the field ({@code ballots[3].ranking[1][0]}); syntax errors also the line.
 */
public final class ProfileJson {
    private ProfileJson() { }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads any of the three forms; ranked ballots become an election under {@code truncation}. */
    public static Election read(String text, String file, Truncation truncation) {
        JsonNode root = tree(text, file);
        if (root.has("ballots")) return OrdinalElection.of(readProfile(root, file), truncation);
        List<String> names = candidates(root, file);
        if (root.has("grades")) return readGrades(root, names, file);
        if (root.has("approvals")) return readApprovals(root, names, file);
        if (root.has("comparisons")) return readComparisons(root, names, file);
        throw new PrefLibFormatException(file, 0, "expected one of \"ballots\", \"grades\", \"approvals\" or \"comparisons\" beside \"candidates\"");
    }

    /** Reads the ranked-ballot form. */
    public static Profile readProfile(String text, String file) {
        return readProfile(tree(text, file), file);
    }

    private static JsonNode tree(String text, String file) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || !root.isObject()) throw new PrefLibFormatException(file, 0, "expected a JSON object");
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PrefLibFormatException(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> candidates(JsonNode root, String file) {
        JsonNode c = root.get("candidates");
        if (c == null || !c.isArray() || c.isEmpty()) throw new PrefLibFormatException(file, 0, "\"candidates\" must be a non-empty array of names");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isTextual()) throw new PrefLibFormatException(file, 0, "candidates[" + i + "] must be a string");
            if (names.contains(c.get(i).asText())) throw new PrefLibFormatException(file, 0, "candidates[" + i + "]: \"" + c.get(i).asText() + "\" appears twice");
            names.add(c.get(i).asText());
        }
        return names;
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.size(); i++) idx.put(names.get(i), i);
        return idx;
    }

    private static int candidate(JsonNode n, Map<String, Integer> idx, String file, String field) {
        if (!n.isTextual()) throw new PrefLibFormatException(file, 0, field + ": expected a candidate name");
        Integer i = idx.get(n.asText());
        if (i == null) throw new PrefLibFormatException(file, 0, field + ": unknown candidate \"" + n.asText() + "\"");
        return i;
    }

    private static long count(JsonNode b, String file, String field) {
        JsonNode c = b.get("count");
        if (c == null) return 1;
        if (!c.canConvertToExactIntegral() || c.asLong() <= 0) throw new PrefLibFormatException(file, 0, field + ".count: must be a positive whole number");
        return c.asLong();
    }

    /** {"comparisons": [{"menu": ["a", "b"], "choice": "a", "count": 3}]}: choices from menus (count optional, default 1). */
    private static PairwiseProfile readComparisons(JsonNode root, List<String> names, String file) {
        Map<String, Integer> idx = index(names);
        JsonNode cs = root.get("comparisons");
        if (!cs.isArray()) throw new PrefLibFormatException(file, 0, "\"comparisons\" must be an array");
        List<PairwiseProfile.Comparison> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            String field = "comparisons[" + i + "]";
            JsonNode menu = cs.get(i).get("menu");
            if (menu == null || !menu.isArray() || menu.size() < 2) throw new PrefLibFormatException(file, 0, field + ".menu: must list at least two candidates");
            Set<Integer> ids = new HashSet<>();
            for (int k = 0; k < menu.size(); k++) {
                String f = field + ".menu[" + k + "]";
                int c = candidate(menu.get(k), idx, file, f);
                if (!ids.add(c)) throw new PrefLibFormatException(file, 0, f + ": \"" + names.get(c) + "\" appears twice in one menu");
            }
            JsonNode choice = cs.get(i).get("choice");
            if (choice == null) throw new PrefLibFormatException(file, 0, field + ".choice: is required");
            int chosen = candidate(choice, idx, file, field + ".choice");
            if (!ids.contains(chosen)) throw new PrefLibFormatException(file, 0, field + ".choice: \"" + names.get(chosen) + "\" is not on the menu");
            out.add(new PairwiseProfile.Comparison(ids, chosen, count(cs.get(i), file, field)));
        }
        return new PairwiseProfile(names, out);
    }

    private static Profile readProfile(JsonNode root, String file) {
        List<String> names = candidates(root, file);
        Map<String, Integer> idx = index(names);
        JsonNode bs = root.get("ballots");
        if (!bs.isArray()) throw new PrefLibFormatException(file, 0, "\"ballots\" must be an array");
        List<Ballot> ballots = new ArrayList<>();
        for (int i = 0; i < bs.size(); i++) {
            String field = "ballots[" + i + "]";
            JsonNode r = bs.get(i).get("ranking");
            if (r == null || !r.isArray() || r.isEmpty()) throw new PrefLibFormatException(file, 0, field + ".ranking: must be a non-empty array of tiers");
            List<List<Integer>> tiers = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (int t = 0; t < r.size(); t++) {
                JsonNode tier = r.get(t);
                if (!tier.isArray() || tier.isEmpty()) throw new PrefLibFormatException(file, 0, field + ".ranking[" + t + "]: must be a non-empty array of names");
                List<Integer> ids = new ArrayList<>();
                for (int k = 0; k < tier.size(); k++) {
                    String f = field + ".ranking[" + t + "][" + k + "]";
                    int c = candidate(tier.get(k), idx, file, f);
                    if (!seen.add(c)) throw new PrefLibFormatException(file, 0, f + ": \"" + names.get(c) + "\" appears twice in one ballot");
                    ids.add(c);
                }
                tiers.add(ids);
            }
            ballots.add(Ballot.of(tiers, count(bs.get(i), file, field)));
        }
        return new Profile(names, ballots);
    }

    private static GradeProfile readGrades(JsonNode root, List<String> names, String file) {
        Map<String, Integer> idx = index(names);
        JsonNode gs = root.get("grades");
        if (!gs.isArray()) throw new PrefLibFormatException(file, 0, "\"grades\" must be an array");
        List<GradeProfile.GradeBallot> ballots = new ArrayList<>();
        for (int i = 0; i < gs.size(); i++) {
            String field = "grades[" + i + "]";
            JsonNode s = gs.get(i).get("scores");
            if (s == null || !s.isObject()) throw new PrefLibFormatException(file, 0, field + ".scores: must be an object name -> grade");
            Map<Integer, Long> scores = new LinkedHashMap<>();
            for (var it = s.fields(); it.hasNext(); ) {
                var e = it.next();
                Integer c = idx.get(e.getKey());
                if (c == null) throw new PrefLibFormatException(file, 0, field + ".scores: unknown candidate \"" + e.getKey() + "\"");
                if (!e.getValue().canConvertToExactIntegral()) throw new PrefLibFormatException(file, 0, field + ".scores." + e.getKey() + ": must be a whole number");
                scores.put(c, e.getValue().asLong());
            }
            ballots.add(new GradeProfile.GradeBallot(scores, count(gs.get(i), file, field)));
        }
        return new GradeProfile(names, ballots);
    }

    private static ApprovalProfile readApprovals(JsonNode root, List<String> names, String file) {
        Map<String, Integer> idx = index(names);
        JsonNode as = root.get("approvals");
        if (!as.isArray()) throw new PrefLibFormatException(file, 0, "\"approvals\" must be an array");
        List<ApprovalProfile.ApprovalBallot> ballots = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            String field = "approvals[" + i + "]";
            JsonNode a = as.get(i).get("approved");
            if (a == null || !a.isArray()) throw new PrefLibFormatException(file, 0, field + ".approved: must be an array of names");
            Set<Integer> approved = new HashSet<>();
            for (int k = 0; k < a.size(); k++) {
                int c = candidate(a.get(k), idx, file, field + ".approved[" + k + "]");
                if (!approved.add(c)) throw new PrefLibFormatException(file, 0, field + ".approved[" + k + "]: \"" + names.get(c) + "\" appears twice");
            }
            JsonNode w = as.get(i).get("weight");
            Rational weight;
            try {
                weight = w == null ? Rational.ONE : Rational.parse(w.asText());
            } catch (NumberFormatException e) {
                throw new PrefLibFormatException(file, 0, field + ".weight: " + e.getMessage());
            }
            if (weight.signum() <= 0) throw new PrefLibFormatException(file, 0, field + ".weight: must be positive");
            ballots.add(new ApprovalProfile.ApprovalBallot(approved, weight));
        }
        return new ApprovalProfile(names, ballots);
    }

    /** Writes the ranked-ballot form. */
    public static String write(Profile p) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ranked-ballot form as maps and lists, ready for a JSON writer. */
    public static Map<String, Object> toJson(Profile p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("candidates", p.candidates());
        List<Object> ballots = new ArrayList<>();
        for (Ballot b : p.ballots()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ranking", b.ranking().stream().map(t -> t.stream().map(p.candidates()::get).toList()).toList());
            o.put("count", b.count());
            ballots.add(o);
        }
        root.put("ballots", ballots);
        return root;
    }
}
