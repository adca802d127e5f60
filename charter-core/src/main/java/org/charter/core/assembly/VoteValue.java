package org.charter.core.assembly;

import java.util.Locale;

/** A vote on a statement, with the code that Polis's exports use (1 agree, -1 disagree, 0 pass). */
public enum VoteValue {
    AGREE(1), DISAGREE(-1), PASS(0);

    private final int polisCode;

    VoteValue(int polisCode) {
        this.polisCode = polisCode;
    }

    public int polisCode() {
        return polisCode;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VoteValue fromPolisCode(int code) {
        return switch (code) {
            case 1 -> AGREE;
            case -1 -> DISAGREE;
            case 0 -> PASS;
            default -> throw new IllegalArgumentException("vote must be 1, 0 or -1, not " + code);
        };
    }

    /** Reads "agree", "disagree" or "pass" (any case); anything else is refused naming the field "vote". */
    public static VoteValue fromApiName(String name) {
        if (name != null) {
            for (VoteValue v : values()) if (v.apiName().equals(name.trim().toLowerCase(Locale.ROOT))) return v;
        }
        throw new InvalidFieldException("vote", "must be \"agree\", \"disagree\" or \"pass\", not " + Moderation.quoted(name));
    }
}
