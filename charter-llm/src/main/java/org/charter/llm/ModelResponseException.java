package org.charter.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The model server answered, but not with a usable completion: an HTTP error status (with the server's own error
 * message), a rate limit (429, with its {@code Retry-After} when sent), or a body that is not a chat completion.
 */
public final class ModelResponseException extends ModelException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the answer. */
    public enum Kind { HTTP_ERROR, RATE_LIMITED, INVALID_BODY }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public ModelResponseException(String url, Kind kind, int status, Duration retryAfter, String reason, int attempts, Throwable cause) {
        super(url, reason, attempts, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, when the failure came with one. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** 5xx and 429 are retried; other 4xx (a bad key, an unknown model, a malformed request) and invalid bodies are not. */
    @Override
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || (kind == Kind.HTTP_ERROR && status >= 500);
    }

    @Override
    ModelResponseException afterAttempts(int n) {
        return new ModelResponseException(url(), kind, status, retryAfter, reason(), n, getCause());
    }
}
