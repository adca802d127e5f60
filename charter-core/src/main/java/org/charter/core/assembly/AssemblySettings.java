package org.charter.core.assembly;

/**
 * How an assembly runs: whether statements need a moderator's approval before anyone sees them, and whether
 * participants may add statements of their own.
 *
 * @param strictModeration       as Polis's "strict moderation": an unmoderated statement is hidden until accepted
 * @param participantsMaySubmit  whether participants may write statements (otherwise only seed statements exist)
 */
public record AssemblySettings(boolean strictModeration, boolean participantsMaySubmit) {
    /** Polis's defaults: statements shown unless rejected, and participants may write. */
    public static final AssemblySettings DEFAULT = new AssemblySettings(false, true);
}
