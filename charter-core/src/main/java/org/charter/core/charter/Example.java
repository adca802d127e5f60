package org.charter.core.charter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A worked example of a clause: an optional title, an optional prompt (the conversation before the answer, with
 * its role tags when there are several turns), and responses judged good, bad, or merely acceptable (the Model
 * Spec's {@code <!-- OK -->}). Either side may be missing, but an example holds at least one response.
 */
public record Example(Optional<String> title, Optional<String> prompt, List<Response> good, List<Response> bad,
        List<Response> ok) {
    public Example {
        title = Text.optionalLine(title);
        prompt = Text.optionalBlock(prompt);
        good = good == null ? List.of() : List.copyOf(good);
        bad = bad == null ? List.of() : List.copyOf(bad);
        ok = ok == null ? List.of() : List.copyOf(ok);
        if (good.isEmpty() && bad.isEmpty() && ok.isEmpty()) throw new IllegalArgumentException("an example needs at least one good, bad or ok response");
    }

    /** One judged response: its text and an optional note saying why (the Spec's "GOOD: ..." comment). */
    public record Response(String text, Optional<String> note) {
        public Response {
            text = Text.block(Objects.requireNonNull(text, "text"));
            note = Text.optionalLine(note);
        }

        public static Response of(String text) {
            return new Response(text, Optional.empty());
        }
    }
}
