package org.charter.llm;

import java.util.List;
import java.util.Objects;

/**
 * A sampled token with its natural-log probability and the most likely alternatives the server reported at that
 * position (each with its own log-probability, most likely first as the server sent them).
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
    /** An alternative token at the same position and its log-probability. */
    public record Alternative(String token, double logprob) {
        public Alternative {
            Objects.requireNonNull(token, "token");
            if (Double.isNaN(logprob) || logprob > 0) throw new IllegalArgumentException("a log-probability is at most 0, not " + logprob);
        }
    }

    public TokenLogprob {
        Objects.requireNonNull(token, "token");
        if (Double.isNaN(logprob) || logprob > 0) throw new IllegalArgumentException("a log-probability is at most 0, not " + logprob);
        top = List.copyOf(top);
    }

    /** The probability, {@code exp(logprob)}. */
    public double probability() {
        return Math.exp(logprob);
    }
}
