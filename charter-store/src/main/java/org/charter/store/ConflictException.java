package org.charter.store;

/** A request that is well formed but clashes with what is stored, such as a vote on a rejected statement. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
