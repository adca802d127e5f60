package org.charter.core.assembly;

import java.util.Locale;
import java.util.Objects;

/**
 * How an assembly runs: whether statements need a moderator's approval before anyone sees them, whether
 * participants may add statements of their own, and who may join.
 *
 * @param strictModeration       as Polis's "strict moderation": an unmoderated statement is hidden until accepted
 * @param participantsMaySubmit  whether participants may write statements (otherwise only seed statements exist)
 * @param access                 who may join through the web pages: anyone with the link, or holders of an invitation
 */
public record AssemblySettings(boolean strictModeration, boolean participantsMaySubmit, Access access) {
    /** Polis's defaults: statements shown unless rejected, participants may write, anyone with the link may join. */
    public static final AssemblySettings DEFAULT = new AssemblySettings(false, true, Access.OPEN);

    /** Who may join an assembly. */
    public enum Access {
        /** Anyone who has the assembly's link. */
        OPEN,
        /** Only a holder of an unused invitation token that a moderator created. */
        INVITATION;

        /** The name in the API and the database: "open" or "invitation". */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Access fromApiName(String name) {
            for (Access a : values()) if (a.apiName().equals(name)) return a;
            throw new InvalidFieldException("access", "must be \"open\" or \"invitation\", not \"" + name + "\"");
        }
    }

    public AssemblySettings {
        Objects.requireNonNull(access, "access");
    }

    /** Settings with open access. */
    public AssemblySettings(boolean strictModeration, boolean participantsMaySubmit) {
        this(strictModeration, participantsMaySubmit, Access.OPEN);
    }

    public AssemblySettings withAccess(Access newAccess) {
        return new AssemblySettings(strictModeration, participantsMaySubmit, newAccess);
    }
}
