package org.charter.core.charter;

import java.util.Locale;
import java.util.Objects;

/**
 * What the gateway does when the charter is silent ({@code onGap}), when applicable clauses conflict
 * ({@code onConflict}) and when a model it needs cannot be reached ({@code onUnreachable}); each is one of
 * ask, escalate, refuse, answer-with-caveat, and each defaults to escalate.
 */
public record CharterPolicy(Action onGap, Action onConflict, Action onUnreachable) {
    public static final CharterPolicy DEFAULT = new CharterPolicy(Action.ESCALATE, Action.ESCALATE, Action.ESCALATE);

    public CharterPolicy {
        Objects.requireNonNull(onGap, "onGap");
        Objects.requireNonNull(onConflict, "onConflict");
        Objects.requireNonNull(onUnreachable, "onUnreachable");
    }

    /** One of the four fallbacks. */
    public enum Action {
        ASK, ESCALATE, REFUSE, ANSWER_WITH_CAVEAT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * How little this lets the model answer on its own: 0 answer-with-caveat (the model answers), 1 ask (the
         * model asks the user first), 2 escalate and refuse (the model does not answer). A child charter may not
         * lower it.
         */
        public int caution() {
            return switch (this) {
                case ANSWER_WITH_CAVEAT -> 0;
                case ASK -> 1;
                case ESCALATE, REFUSE -> 2;
            };
        }

        public static Action parse(String s) {
            for (Action a : values()) if (a.wireName().equals(s)) return a;
            throw new IllegalArgumentException("unknown action '" + s + "' (expected ask, escalate, refuse or answer-with-caveat)");
        }
    }
}
