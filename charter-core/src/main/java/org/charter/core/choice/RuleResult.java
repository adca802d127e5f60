package org.charter.core.choice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * The outcome of a single-winner rule: all tied winners (sorted candidate indices), the evidence that produced them
 * (scores, margins, rounds, strengths, locked edges; only strings, numbers, booleans, lists and maps, so that it
 * prints and serialises as JSON), and for probabilistic rules the lottery (one exact probability per candidate).
 */
public record RuleResult(String rule, List<String> candidates, List<Integer> winners, Map<String, Object> evidence,
        List<Rational> lottery) {
    public RuleResult {
        candidates = List.copyOf(candidates);
        winners = List.copyOf(new TreeSet<>(winners));
        if (winners.isEmpty()) throw new IllegalArgumentException(rule + ": a rule must return at least one winner");
        for (int w : winners) if (w < 0 || w >= candidates.size()) throw new IllegalArgumentException(rule + ": winner index " + w + " out of range");
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        lottery = List.copyOf(lottery);
        if (!lottery.isEmpty() && lottery.size() != candidates.size()) throw new IllegalArgumentException("a lottery needs one probability per candidate");
    }

    public static RuleResult of(String rule, List<String> candidates, Collection<Integer> winners, Map<String, Object> evidence) {
        return new RuleResult(rule, candidates, List.copyOf(winners), evidence, List.of());
    }

    /** The winners' names, in index order. */
    public List<String> winnerNames() {
        return winners.stream().map(candidates::get).toList();
    }

    /**
     * The resolute variant's winner. Tie-breaking rule (the same for every rule): the tied winner with the lowest
     * candidate index, i.e. the one listed first in the PrefLib header or the JSON's candidate list.
     */
    public int resoluteWinner() {
        return winners.get(0);
    }

    /** The JSON form: {"rule":id,"winners":[names],"explanation":{evidence..., "lottery":{name:"p/q"}}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", rule);
        json.put("winners", winnerNames());
        Map<String, Object> explanation = new LinkedHashMap<>(evidence);
        explanation.put("resolute_winner", candidates.get(resoluteWinner()));
        explanation.put("resolute_tie_break", "lowest candidate index among the tied winners");
        if (!lottery.isEmpty()) {
            Map<String, String> p = new LinkedHashMap<>();
            for (int i = 0; i < candidates.size(); i++) p.put(candidates.get(i), lottery.get(i).toString());
            explanation.put("lottery", p);
        }
        json.put("explanation", explanation);
        return json;
    }

    /** A few lines for people: winners, then each piece of evidence. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(rule).append(": ").append(winners.size() == 1 ? "winner " : "tied winners ").append(String.join(", ", winnerNames()));
        if (winners.size() > 1) s.append(" (resolute, lowest index: ").append(candidates.get(resoluteWinner())).append(')');
        s.append('\n');
        if (!lottery.isEmpty()) {
            List<String> p = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) p.add(candidates.get(i) + " " + lottery.get(i));
            s.append("  lottery: ").append(String.join(", ", p)).append('\n');
        }
        for (var e : evidence.entrySet()) s.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        return s.toString();
    }
}
