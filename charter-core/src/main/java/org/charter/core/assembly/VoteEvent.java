package org.charter.core.assembly;

import java.time.Instant;
import java.util.Objects;

/**
 * One vote as it was cast. Every event is kept; the latest per participant and statement is the one that counts.
 *
 * @param clientRequestId  the id the client sent with the vote so a retried request is recorded once, or null
 */
public record VoteEvent(int pid, int tid, VoteValue vote, Instant at, String clientRequestId) {
    public static final int MAX_REQUEST_ID_LENGTH = 200;

    public VoteEvent {
        if (pid < 0) throw new InvalidFieldException("participantId", "must not be negative");
        if (tid < 0) throw new InvalidFieldException("statementId", "must not be negative");
        Objects.requireNonNull(vote, "vote");
        Objects.requireNonNull(at, "at");
        if (clientRequestId != null && (clientRequestId.isBlank() || clientRequestId.length() > MAX_REQUEST_ID_LENGTH)) {
            throw new InvalidFieldException("clientRequestId", "must be 1 to " + MAX_REQUEST_ID_LENGTH + " characters");
        }
    }

    public VoteEvent(int pid, int tid, VoteValue vote, Instant at) {
        this(pid, tid, vote, at, null);
    }
}
