package org.charter.core.assembly;

import java.time.Instant;
import java.util.Objects;

/**
 * A statement put to an assembly (Polis's "comment"): a proposed principle, norm or case that participants vote on.
 *
 * @param tid        the statement's number in the assembly, from 0 (Polis's tid)
 * @param authorPid  the participant who wrote it, or null for one written by the organisers
 * @param meta       a statement about the conversation itself, left out of the opinion map (Polis's is-meta)
 * @param seed       written by the organisers to start the conversation (Polis's is-seed)
 */
public record Statement(int tid, String text, Integer authorPid, Instant createdAt, Moderation moderation,
                        boolean meta, boolean seed) {
    /** The default limit on a statement's length; a server may be configured with another. */
    public static final int DEFAULT_MAX_LENGTH = 2_000;

    public Statement {
        if (tid < 0) throw new InvalidFieldException("tid", "must not be negative");
        if (text == null || text.isBlank()) throw new InvalidFieldException("text", "must not be empty");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(moderation, "moderation");
    }

    public Statement withModeration(Moderation state) {
        return new Statement(tid, text, authorPid, createdAt, state, meta, seed);
    }
}
