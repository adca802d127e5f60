package org.charter.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A chat-completions request: the messages, how many samples to draw ({@code n}), the sampling temperature, a token
 * limit and whether to return token log-probabilities with {@code topLogprobs} alternatives per token. The model is
 * the client's unless {@code model} names another.
 */
public record ChatRequest(List<ChatMessage> messages, int n, OptionalDouble temperature, OptionalInt maxTokens,
        boolean logprobs, int topLogprobs, Optional<String> model) {
    /** The most alternatives per token the OpenAI API accepts for {@code top_logprobs}. */
    public static final int MAX_TOP_LOGPROBS = 20;

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) throw new IllegalArgumentException("a chat request needs at least one message");
        if (n < 1) throw new IllegalArgumentException("n must be at least 1, not " + n);
        Objects.requireNonNull(temperature, "temperature");
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0 && temperature.getAsDouble() <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], not " + temperature.getAsDouble());
        }
        Objects.requireNonNull(maxTokens, "maxTokens");
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, not " + maxTokens.getAsInt());
        }
        if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw new IllegalArgumentException("topLogprobs must be in [0, " + MAX_TOP_LOGPROBS + "], not " + topLogprobs);
        }
        if (topLogprobs > 0 && !logprobs) throw new IllegalArgumentException("topLogprobs needs logprobs");
        Objects.requireNonNull(model, "model");
        if (model.isPresent() && model.get().isBlank()) throw new IllegalArgumentException("model must not be blank");
    }

    /** One sample, default temperature and length, no log-probabilities. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, 1, OptionalDouble.empty(), OptionalInt.empty(), false, 0, Optional.empty());
    }

    /** A single user message. */
    public static ChatRequest ofUser(String text) {
        return of(List.of(ChatMessage.user(text)));
    }

    public ChatRequest withN(int samples) {
        return new ChatRequest(messages, samples, temperature, maxTokens, logprobs, topLogprobs, model);
    }

    public ChatRequest withTemperature(double t) {
        return new ChatRequest(messages, n, OptionalDouble.of(t), maxTokens, logprobs, topLogprobs, model);
    }

    public ChatRequest withMaxTokens(int tokens) {
        return new ChatRequest(messages, n, temperature, OptionalInt.of(tokens), logprobs, topLogprobs, model);
    }

    /** Asks for each sampled token's log-probability and its {@code top} most likely alternatives (0 for none). */
    public ChatRequest withLogprobs(int top) {
        return new ChatRequest(messages, n, temperature, maxTokens, true, top, model);
    }

    public ChatRequest withModel(String name) {
        return new ChatRequest(messages, n, temperature, maxTokens, logprobs, topLogprobs, Optional.of(name));
    }
}
