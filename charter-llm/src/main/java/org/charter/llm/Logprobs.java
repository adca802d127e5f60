package org.charter.llm;

import java.util.List;

/**
 * The token log-probabilities of one choice: {@link Available} when the server returned them, {@link NotAvailable}
 * when it did not (not asked for, or a server that ignores {@code logprobs}, as some OpenAI-compatible servers do).
 * A judge falls back to agreement over samples on {@code NotAvailable}.
 */
public sealed interface Logprobs permits Logprobs.Available, Logprobs.NotAvailable {
    /** The per-token log-probabilities in order, or an empty list when not available. */
    List<TokenLogprob> tokens();

    boolean available();

    /** The server returned log-probabilities for each sampled token. */
    record Available(List<TokenLogprob> tokens) implements Logprobs {
        public Available {
            tokens = List.copyOf(tokens);
        }

        @Override
        public boolean available() {
            return true;
        }
    }

    /** The server returned no log-probabilities for this choice. */
    record NotAvailable() implements Logprobs {
        @Override
        public List<TokenLogprob> tokens() {
            return List.of();
        }

        @Override
        public boolean available() {
            return false;
        }
    }

    Logprobs NOT_AVAILABLE = new NotAvailable();
}
