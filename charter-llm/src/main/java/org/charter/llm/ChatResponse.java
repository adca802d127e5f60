package org.charter.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a chat-completions server answered: one {@link Choice} per sample, in index order, the model that answered,
 * the token usage when reported, and how long the call took (retries included) over how many attempts.
 */
public record ChatResponse(String id, String model, List<Choice> choices, Optional<Usage> usage, Duration latency, int attempts) {
    /** One sampled answer: its text, why generation stopped, and its token log-probabilities when returned. */
    public record Choice(int index, String text, String finishReason, Logprobs logprobs) {
        public Choice {
            if (index < 0) throw new IllegalArgumentException("choice index must not be negative");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(finishReason, "finishReason");
            Objects.requireNonNull(logprobs, "logprobs");
        }
    }

    /** Tokens counted by the server. */
    public record Usage(long promptTokens, long completionTokens, long totalTokens) {
        public Usage {
            if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
        if (choices.isEmpty()) throw new IllegalArgumentException("a response has at least one choice");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        if (attempts < 1) throw new IllegalArgumentException("attempts must be positive");
    }

    /** The first choice's text. */
    public String text() {
        return choices.get(0).text();
    }

    /** Whether every choice carries token log-probabilities. */
    public boolean logprobsAvailable() {
        return choices.stream().allMatch(c -> c.logprobs().available());
    }
}
