package org.charter.core.choice;

/**
 * How a truncated ballot compares a ranked candidate with an unranked one (and two unranked ones with each other).
 * Two unranked candidates are never compared under either convention.
 */
public enum Truncation {
    /** A ranked and an unranked candidate are not compared: PrefLib's and pref_voting's default. */
    INCOMPARABLE,
    /** Every ranked candidate is preferred to every unranked one (pref_voting's "extended strict preference"). */
    BELOW;

    /** Reads "incomparable" or "below" (any case). */
    public static Truncation parse(String text) {
        for (Truncation t : values()) if (t.name().equalsIgnoreCase(text.trim())) return t;
        throw new IllegalArgumentException("unknown truncation convention \"" + text + "\" (expected below or incomparable)");
    }
}
