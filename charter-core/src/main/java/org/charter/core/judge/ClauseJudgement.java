package org.charter.core.judge;

import java.util.Objects;

/**
 * A judge's finding on one clause: the verdict (always the most probable one under {@code probabilities}), the
 * distribution over verdicts, the method that produced that distribution (for example {@code logprobs},
 * {@code samples k=5}, {@code embedding-knn k=1}), and the evidence in words (the nearest examples and their
 * similarities, the counts of sampled answers...).
 */
public record ClauseJudgement(String clauseId, Verdict verdict, VerdictDistribution probabilities, String method, String evidence) {
    public ClauseJudgement {
        Objects.requireNonNull(clauseId, "clauseId");
        if (clauseId.isBlank()) throw new IllegalArgumentException("clauseId must not be blank");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(verdict, "verdict");
        if (verdict != probabilities.argmax()) {
            throw new IllegalArgumentException("verdict " + verdict + " is not the most probable one (" + probabilities + ")");
        }
        Objects.requireNonNull(method, "method");
        evidence = evidence == null ? "" : evidence;
    }

    /** A judgement whose verdict is the most probable one. */
    public static ClauseJudgement of(String clauseId, VerdictDistribution probabilities, String method, String evidence) {
        return new ClauseJudgement(clauseId, probabilities.argmax(), probabilities, method, evidence);
    }

    /** The probability that the response violates the clause. */
    public double pViolates() {
        return probabilities.violates();
    }
}
