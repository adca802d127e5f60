package org.charter.core.assembly;

import java.util.Locale;

/** A statement's moderation state, with the code Polis exports for it (1 accepted, -1 rejected, 0 unmoderated). */
public enum Moderation {
    ACCEPTED(1), REJECTED(-1), UNMODERATED(0);

    private final int polisCode;

    Moderation(int polisCode) {
        this.polisCode = polisCode;
    }

    public int polisCode() {
        return polisCode;
    }

    /** The API's name: "accepted", "rejected" or "unmoderated". */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Moderation fromPolisCode(int code) {
        for (Moderation m : values()) if (m.polisCode == code) return m;
        throw new IllegalArgumentException("moderation code must be 1, 0 or -1, not " + code);
    }

    public static Moderation fromApiName(String name) {
        if (name != null) {
            for (Moderation m : values()) if (m.apiName().equals(name.trim().toLowerCase(Locale.ROOT))) return m;
        }
        throw new InvalidFieldException("state", "must be \"accepted\", \"rejected\" or \"unmoderated\", not " + quoted(name));
    }

    static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }

    /** Whether participants see the statement: rejected never, unmoderated only when moderation is not strict. */
    public boolean visible(AssemblySettings settings) {
        return this == ACCEPTED || (this == UNMODERATED && !settings.strictModeration());
    }
}
