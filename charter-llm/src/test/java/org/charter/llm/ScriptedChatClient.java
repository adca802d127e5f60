package org.charter.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A test double of {@link ChatClient} that needs no server: it answers each request with the texts a function gives
 * for it (one per choice, the last repeated up to {@code n}), with made-up token log-probabilities (every word a
 * token at probability 0.9) when asked, and records the requests. It passes the same {@link ChatClientContract} as
 * the real client.
 */
public final class ScriptedChatClient implements ChatClient {
    private final Function<ChatRequest, List<String>> script;
    private final List<ChatRequest> received = new ArrayList<>();

    public ScriptedChatClient(Function<ChatRequest, List<String>> script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /** Always answers {@code text}. */
    public static ScriptedChatClient always(String text) {
        return new ScriptedChatClient(r -> List.of(text));
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        received.add(request);
        List<String> texts = new ArrayList<>(script.apply(request));
        if (texts.isEmpty()) throw new IllegalStateException("the script gave no answer");
        while (texts.size() < request.n()) texts.add(texts.get(texts.size() - 1));
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Logprobs lp = Logprobs.NOT_AVAILABLE;
            if (request.logprobs()) {
                List<TokenLogprob> tokens = new ArrayList<>();
                for (String w : texts.get(i).split("(?<=\\S)(?=\\s)")) {
                    List<TokenLogprob.Alternative> top = request.topLogprobs() > 0 ? List.of(new TokenLogprob.Alternative(w, Math.log(0.9))) : List.of();
                    tokens.add(new TokenLogprob(w, Math.log(0.9), top));
                }
                lp = new Logprobs.Available(tokens);
            }
            choices.add(new ChatResponse.Choice(i, texts.get(i), "stop", lp));
        }
        return new ChatResponse("scripted-" + received.size(), request.model().orElse(model()), choices, java.util.Optional.empty(), Duration.ZERO, 1);
    }

    public synchronized List<ChatRequest> requests() {
        return List.copyOf(received);
    }

    @Override
    public String endpoint() {
        return "scripted:";
    }

    @Override
    public String model() {
        return "scripted";
    }
}
