package org.charter.llm;

/** The model server could not be reached or did not answer in time: connection refused, unknown host, or timeout. */
public final class ModelUnavailableException extends ModelException {
    private static final long serialVersionUID = 1L;

    /** What went wrong on the way to the server. */
    public enum Kind { CONNECTION_FAILED, TIMEOUT }

    private final Kind kind;

    public ModelUnavailableException(String url, Kind kind, String reason, int attempts, Throwable cause) {
        super(url, reason, attempts, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Timeouts are retried; a refused connection is not (a server that is down stays down for the few seconds of backoff). */
    @Override
    public boolean retryable() {
        return kind == Kind.TIMEOUT;
    }

    @Override
    ModelUnavailableException afterAttempts(int n) {
        return new ModelUnavailableException(url(), kind, reason(), n, getCause());
    }
}
