package org.charter.core.judge;

import java.util.Locale;

/** What a judge finds about one response and one clause: it complies, it violates the clause, or the clause does not apply. */
public enum Verdict {
    COMPLIES, VIOLATES, NOT_APPLICABLE;

    /** The name on the wire and in files: {@code complies}, {@code violates}, {@code not_applicable}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (case-insensitive; {@code not-applicable} is accepted too). */
    public static Verdict parse(String s) {
        String k = s == null ? "" : s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Verdict v : values()) if (v.name().equals(k)) return v;
        throw new IllegalArgumentException("unknown verdict '" + s + "' (expected complies, violates or not_applicable)");
    }
}
