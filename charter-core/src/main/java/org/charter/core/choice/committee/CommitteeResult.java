package org.charter.core.choice.committee;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of a committee rule: the winning committees (all tied ones, sorted, when irresolute; one when
 * resolute) and the evidence that produced them.
 */
public record CommitteeResult(String rule, int size, boolean resolute, List<Committee> committees, Explanation explanation) {
    public CommitteeResult {
        committees = List.copyOf(committees);
        if (committees.isEmpty()) throw new IllegalArgumentException("a rule returns at least one committee");
        if (resolute && committees.size() != 1) throw new IllegalArgumentException("a resolute result has exactly one committee");
        for (int i = 1; i < committees.size(); i++) {
            if (committees.get(i - 1).compareTo(committees.get(i)) >= 0) throw new IllegalArgumentException("committees must be sorted and distinct");
        }
    }

    /**
     * Evidence for a result. Numbers are exact rationals written as strings ("83/6"). Fields that do not apply to
     * a rule are null and left out of JSON.
     *
     * @param method          how the result was computed (for optimisation rules: the exact method)
     * @param tieBreaking     how the resolute variant picks one committee, or how rounds' ties were explored
     * @param objective       what is optimised, for optimisation rules
     * @param optimalScore    the optimal value of the objective (for sequential rules: the winning committee's score)
     * @param candidateScores per-candidate scores, for additive rules (AV, SAV)
     * @param rounds          per-round values of every candidate still in play, along the resolute path
     * @param loads           seq-Phragmén: the voters' final loads, grouped by value
     * @param budgets         Equal Shares: the voters' remaining budgets after phase 1, grouped by value
     * @param note            anything else a reader needs to know
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(String method, String tieBreaking, String objective, String optimalScore,
                              Map<String, String> candidateScores, List<Round> rounds, List<Share> loads,
                              List<Share> budgets, String note) {
        public Explanation {
            candidateScores = candidateScores == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(candidateScores));
            rounds = rounds == null ? null : List.copyOf(rounds);
            loads = loads == null ? null : List.copyOf(loads);
            budgets = budgets == null ? null : List.copyOf(budgets);
        }
    }

    /**
     * One round of a sequential rule.
     *
     * @param round   1-based
     * @param measure what {@code values} holds (e.g. "marginal PAV score", "new maximal load", "price per unit of weight")
     * @param values  candidate name to value, for every candidate considered in the round
     * @param tied    the candidates with the best value
     * @param chosen  the candidate taken (added, or removed by reverse rules)
     */
    public record Round(int round, String measure, Map<String, String> values, List<String> tied, String chosen) {
        public Round {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            tied = List.copyOf(tied);
        }
    }

    /** A group of voters sharing one value (a load or a budget): the value and the total weight of the group. */
    public record Share(String value, String weight) { }
}
