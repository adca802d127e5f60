package org.charter.server.web;

/**
 * A web page's refusal: an HTTP status and a message key (with arguments) that the error page shows in the
 * reader's language. Thrown anywhere in a page handler; {@link WebApp} renders it.
 */
public final class WebException extends RuntimeException {
    private final int status;
    private final String messageKey;
    private final transient Object[] args;
    private final long retryAfterSeconds;

    public WebException(int status, String messageKey, Object... args) {
        this(status, 0, messageKey, args);
    }

    private WebException(int status, long retryAfterSeconds, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args.clone();
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a Retry-After. */
    public static WebException tooManyRequests(long retryAfterSeconds) {
        return new WebException(429, retryAfterSeconds, "error.rateLimited", retryAfterSeconds);
    }

    public static WebException forbidden() {
        return new WebException(403, "error.forbidden");
    }

    public static WebException notFound() {
        return new WebException(404, "error.notFound");
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
