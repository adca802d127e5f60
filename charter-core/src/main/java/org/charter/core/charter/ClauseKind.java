package org.charter.core.charter;

/**
 * What sort of clause a clause is, from the strongest to the weakest: a {@code rule} must be followed, a
 * {@code default} holds unless overridden as its override policy allows, a {@code norm} is expected behaviour that
 * context may adjust, a {@code value} is an aim to weigh against others.
 */
public enum ClauseKind {
    RULE, DEFAULT, NORM, VALUE;

    /** The name used in charter files. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Strength: 3 for a rule down to 0 for a value. A child charter may keep or raise it, never lower it. */
    public int strength() {
        return 3 - ordinal();
    }

    public static ClauseKind parse(String s) {
        for (ClauseKind k : values()) if (k.wireName().equals(s)) return k;
        throw new IllegalArgumentException("unknown kind '" + s + "' (expected rule, default, norm or value)");
    }
}
