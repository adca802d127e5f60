package org.charter.core.charter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request to the model: the chat messages so far, each with its role and whether it is quoted or tool content,
 * plus the request's metadata ({@link RequestContext}) that scopes are matched against.
 *
 * <p>Only unquoted system, developer and user messages are instructions (see {@link #instructions()}); assistant
 * and tool messages, and quoted text inside any message, carry no authority, as the Model Spec's chain of command
 * says.
 */
public record Request(List<Message> messages, RequestContext context) {
    /*
     * [1] OpenAI. "Model Spec", release 2025-12-18, section "The chain of command" (quoted text, tool outputs and
     *     untrusted data carry no authority). https://model-spec.openai.com, CC0 1.0.
     */

    public Request {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
        context = context == null ? RequestContext.EMPTY : context;
    }

    /** Who wrote a message. */
    public enum Role {
        SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether unquoted messages of this role are instructions (system, developer, user). */
        public boolean instructs() {
            return this == SYSTEM || this == DEVELOPER || this == USER;
        }

        public static Role parse(String s) {
            for (Role r : values()) if (r.wireName().equals(s)) return r;
            throw new IllegalArgumentException("unknown role '" + s + "' (expected system, developer, user, assistant or tool)");
        }
    }

    /** One message: its role, its text, and whether it is quoted or untrusted content (which carries no authority). */
    public record Message(Role role, String text, boolean quoted) {
        public Message {
            Objects.requireNonNull(role, "role");
            text = Text.require(Text.block(text), "message text");
        }

        public static Message of(Role role, String text) {
            return new Message(role, text, false);
        }

        /** Whether this message is an instruction: an unquoted system, developer or user message. */
        public boolean isInstruction() {
            return role.instructs() && !quoted;
        }
    }

    /** A request of one user message, after an optional system message. */
    public static Request of(String userText, Optional<String> systemText, RequestContext context) {
        List<Message> m = new ArrayList<>();
        systemText.filter(s -> !s.isBlank()).ifPresent(s -> m.add(Message.of(Role.SYSTEM, s)));
        m.add(Message.of(Role.USER, userText));
        return new Request(m, context);
    }

    /** The indices of the instruction messages, in order. */
    public List<Integer> instructions() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) if (messages.get(i).isInstruction()) out.add(i);
        return out;
    }

    /** The index of the last unquoted user message, if any. */
    public Optional<Integer> lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() == Role.USER && !m.quoted()) return Optional.of(i);
        }
        return Optional.empty();
    }

    private static final Pattern TURN = Pattern.compile("<(system|developer|user|assistant|tool)(\\s[^>]*)?>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern UNTRUSTED = Pattern.compile("<untrusted>(.*?)</untrusted>", Pattern.DOTALL);

    /**
     * Reads a conversation written with the Model Spec's role tags ({@code <system>}, {@code <developer>},
     * {@code <user>}, {@code <assistant>}, {@code <tool>}, attributes allowed): each tagged turn becomes a message,
     * and each {@code <untrusted>...</untrusted>} part inside a turn becomes a separate quoted message of the same
     * role, placed after the turn's own text. Text without any role tag is one user message. Text outside the tags
     * (other than whitespace) is an error, so that nothing is silently dropped.
     */
    public static Request parseTranscript(String transcript, RequestContext context) {
        String t = Text.require(Text.block(transcript), "transcript");
        Matcher m = TURN.matcher(t);
        List<Message> out = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            String between = t.substring(last, m.start());
            if (!between.isBlank()) {
                throw new IllegalArgumentException("text outside the role tags: '" + abbreviate(between.strip()) + "'");
            }
            last = m.end();
            Role role = Role.parse(m.group(1));
            String body = m.group(3);
            Matcher u = UNTRUSTED.matcher(body);
            List<String> quoted = new ArrayList<>();
            StringBuilder own = new StringBuilder();
            int at = 0;
            while (u.find()) {
                own.append(body, at, u.start()).append('\n');
                at = u.end();
                if (!u.group(1).isBlank()) quoted.add(u.group(1));
            }
            own.append(body.substring(at));
            if (!own.toString().isBlank()) out.add(new Message(role, own.toString(), role == Role.TOOL));
            for (String q : quoted) out.add(new Message(role, q, true));
        }
        if (out.isEmpty() && last == 0) return new Request(List.of(Message.of(Role.USER, t)), context);
        if (!t.substring(last).isBlank()) throw new IllegalArgumentException("text outside the role tags: '" + abbreviate(t.substring(last).strip()) + "'");
        if (out.isEmpty()) throw new IllegalArgumentException("the transcript's turns are all empty");
        return new Request(out, context);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
