package org.charter.core.choice.committee;

/** A rule refuses a profile it cannot compute exactly within its stated limits; the message says why and the limit. */
public final class CommitteeLimitException extends IllegalArgumentException {
    public CommitteeLimitException(String message) {
        super(message);
    }
}
