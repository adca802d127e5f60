package org.charter.llm;

/**
 * A chat model: sends a {@link ChatRequest} and returns every sampled choice, or throws a {@link ModelException}
 * saying why not. Implementations are thread-safe.
 */
public interface ChatClient {
    ChatResponse chat(ChatRequest request);

    /**
     * One sample ({@code n} must be 1), its text handed to {@code onDelta} piece by piece as the server produces it;
     * returns the whole answer once complete. This default asks {@link #chat} and hands over the whole text at once;
     * clients that speak a streaming protocol override it.
     */
    default ChatResponse stream(ChatRequest request, java.util.function.Consumer<String> onDelta) {
        if (request.n() != 1) throw new IllegalArgumentException("a streamed request has one sample, not n = " + request.n());
        ChatResponse r = chat(request);
        if (!r.text().isEmpty()) onDelta.accept(r.text());
        return r;
    }

    /** Where requests go, for messages and records (for example {@code http://localhost:8000/v1}). */
    String endpoint();

    /** The model requests name unless they say otherwise. */
    String model();
}
