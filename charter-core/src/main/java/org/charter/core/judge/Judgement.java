package org.charter.core.judge;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What one judge found about one response: a {@link ClauseJudgement} per clause checked, in the order asked, and the judge's id. */
public record Judgement(String judgeId, List<ClauseJudgement> clauses) {
    public Judgement {
        Objects.requireNonNull(judgeId, "judgeId");
        clauses = List.copyOf(clauses);
        var seen = new HashSet<String>();
        for (ClauseJudgement c : clauses) {
            if (!seen.add(c.clauseId())) throw new IllegalArgumentException("clause '" + c.clauseId() + "' is judged twice");
        }
    }

    /** The finding on one clause. */
    public Optional<ClauseJudgement> clause(String clauseId) {
        return clauses.stream().filter(c -> c.clauseId().equals(clauseId)).findFirst();
    }

    /** One line per clause: id, verdict, P(violates), method, then the evidence indented. */
    public String toText() {
        var sb = new StringBuilder("judge ").append(judgeId).append(": ").append(clauses.size()).append(clauses.size() == 1 ? " clause\n" : " clauses\n");
        for (ClauseJudgement c : clauses) {
            sb.append(String.format(Locale.ROOT, "  %-32s %-14s P(violates) %.3f  P(complies) %.3f  P(n/a) %.3f  [%s]%n", c.clauseId(),
                    c.verdict().wireName() + (tied(c.probabilities()) ? " (tie)" : ""), c.probabilities().violates(), c.probabilities().complies(), c.probabilities().notApplicable(), c.method()));
            if (!c.evidence().isEmpty()) for (String line : c.evidence().split("\n")) sb.append("      ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** Whether the most probable verdict shares its probability with another (the tie rule then chose it). */
    private static boolean tied(VerdictDistribution d) {
        int top = 0;
        for (Verdict v : Verdict.values()) if (d.of(v) == d.of(d.argmax())) top++;
        return top > 1;
    }
}
