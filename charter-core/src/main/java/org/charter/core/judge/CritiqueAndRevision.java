package org.charter.core.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.charter.core.charter.Clause;

/**
 * Critique and revision, as in the supervised stage of Constitutional AI [1]: judge a response against the clauses;
 * for the clauses it is judged to violate, write a critique that cites each clause (its id, authority and text) and
 * ask the model for a revision; judge the revision; stop when nothing is judged violated or after a bounded number of
 * rounds. Every round is recorded (the response, the judgement, the violated clauses, the critique), so the last
 * response can be shown with the evidence of how it was reached, and a response that could not be repaired is
 * reported as such rather than passed on.
 */
public final class CritiqueAndRevision {
    /*
     * [1] Y. Bai et al., "Constitutional AI: Harmlessness from AI Feedback", arXiv:2212.08073, 2022 (critique request,
     *     then revision request, drawn from a principle).
     */
    private CritiqueAndRevision() { }

    /** The model side: rewrite {@code response} to {@code prompt} following {@code critique}. */
    @FunctionalInterface
    public interface Reviser {
        String revise(String prompt, String response, String critique);
    }

    /** One round: the response judged, the clauses it was judged to violate, and the critique sent (null when none was needed). */
    public record Round(int round, String response, Judgement judgement, List<String> violated, String critique) {
        public Round {
            violated = List.copyOf(violated);
        }
    }

    /**
     * @param response  the last response (the original when no revision was needed)
     * @param compliant whether the last response was judged to violate none of the clauses (P(violates) below the threshold)
     * @param rounds    every round, the first being the original response
     */
    public record Result(String response, boolean compliant, List<Round> rounds) {
        public Result {
            rounds = List.copyOf(rounds);
        }

        /** How many revisions were asked for. */
        public int revisions() {
            return rounds.size() - 1;
        }
    }

    /**
     * Judges, critiques and revises at most {@code maxRevisions} times; a clause counts as violated when the judge
     * gives P(violates) at least {@code threshold}.
     */
    public static Result run(String prompt, String response, List<Clause> clauses, Judge judge, Reviser reviser, int maxRevisions, double threshold) {
        if (maxRevisions < 0) throw new IllegalArgumentException("the number of revisions must be 0 or more, got " + maxRevisions);
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("the threshold must be in (0, 1], got " + threshold);
        List<Round> rounds = new ArrayList<>();
        String current = response;
        for (int round = 0; ; round++) {
            Judgement j = judge.judge(prompt, current, clauses);
            List<Clause> violated = new ArrayList<>();
            for (ClauseJudgement c : j.clauses()) {
                if (c.pViolates() >= threshold) violated.add(clauses.stream().filter(x -> x.id().equals(c.clauseId())).findFirst().orElseThrow());
            }
            List<String> ids = violated.stream().map(Clause::id).toList();
            if (violated.isEmpty() || round == maxRevisions) {
                rounds.add(new Round(round, current, j, ids, null));
                return new Result(current, violated.isEmpty(), rounds);
            }
            String critique = critique(violated, j);
            rounds.add(new Round(round, current, j, ids, critique));
            String revised = reviser.revise(prompt, current, critique);
            if (revised == null || revised.isBlank()) throw new IllegalStateException("the model returned an empty revision in round " + (round + 1));
            current = revised.strip();
        }
    }

    /** The critique: each violated clause cited with its authority and text, then the revision request. */
    public static String critique(List<Clause> violated, Judgement j) {
        StringBuilder sb = new StringBuilder("The response was judged to break these clauses of the charter:\n");
        for (Clause c : violated) {
            double p = j.clauses().stream().filter(x -> x.clauseId().equals(c.id())).mapToDouble(ClauseJudgement::pViolates).findFirst().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "- [%s] %s (P(violates) %.2f): %s%n", c.authority(), c.id(), p, c.text().replace('\n', ' ')));
        }
        sb.append("Identify the specific ways in which the response does not follow these clauses. Then rewrite the response so that ")
                .append("it follows them while staying as helpful as the clauses allow. Reply with the rewritten response only.");
        return sb.toString();
    }
}
