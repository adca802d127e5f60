package org.charter.llm;

import java.util.Locale;
import java.util.Objects;

/** One message of a chat: a role and its text, as the chat-completions protocol carries it. */
public record ChatMessage(Role role, String content) {
    /** The roles of the chat-completions protocol that carry text we send (tool messages are not used here). */
    public enum Role {
        SYSTEM, DEVELOPER, USER, ASSISTANT;

        /** The role's name on the wire ({@code "system"}, {@code "developer"}, ...). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String text) { return new ChatMessage(Role.SYSTEM, text); }

    public static ChatMessage developer(String text) { return new ChatMessage(Role.DEVELOPER, text); }

    public static ChatMessage user(String text) { return new ChatMessage(Role.USER, text); }

    public static ChatMessage assistant(String text) { return new ChatMessage(Role.ASSISTANT, text); }
}
