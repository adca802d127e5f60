package org.charter.llm;

/**
 * A chat model: sends a {@link ChatRequest} and returns every sampled choice, or throws a {@link ModelException}
 * saying why not. Implementations are thread-safe.
 */
public interface ChatClient {
    ChatResponse chat(ChatRequest request);

    /** Where requests go, for messages and records (for example {@code http://localhost:8000/v1}). */
    String endpoint();

    /** The model requests name unless they say otherwise. */
    String model();
}
