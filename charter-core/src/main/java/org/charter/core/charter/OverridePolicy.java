package org.charter.core.charter;

/**
 * Who may change a clause during a conversation, as the OpenAI Model Spec defines for its authority levels:
 * {@code never} (no instruction can override it: the Spec's root level), {@code explicit} (only an explicit
 * instruction from a party at the same or a higher level: the Spec's user-level defaults), {@code implicit}
 * (context can change it too, e.g. "talk like a realistic pirate" lifts a no-swearing guideline).
 */
public enum OverridePolicy {
    NEVER, EXPLICIT, IMPLICIT;
    /*
     * [1] OpenAI. "Model Spec", release 2025-12-18, sections "The chain of command" and "Follow all applicable
     *     instructions". https://model-spec.openai.com, CC0 1.0.
     */

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Strictness: 2 for never, 1 for explicit, 0 for implicit. A child charter may keep or raise it, never lower it. */
    public int strictness() {
        return 2 - ordinal();
    }

    public static OverridePolicy parse(String s) {
        for (OverridePolicy p : values()) if (p.wireName().equals(s)) return p;
        throw new IllegalArgumentException("unknown override policy '" + s + "' (expected never, explicit or implicit)");
    }
}
