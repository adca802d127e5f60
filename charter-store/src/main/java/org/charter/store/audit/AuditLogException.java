package org.charter.store.audit;

/** The audit log could not be opened, read or appended to; the message names the file and, for a broken chain, the line. */
public final class AuditLogException extends RuntimeException {
    public AuditLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
