package org.charter.llm;

import java.util.Objects;

/**
 * A model call that failed: the message is one line naming the URL and the reason (and the number of attempts when
 * the call was retried), fit to show a user as it is.
 */
public abstract sealed class ModelException extends RuntimeException permits ModelUnavailableException, ModelResponseException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String reason;
    private final int attempts;

    ModelException(String url, String reason, int attempts, Throwable cause) {
        super("model server " + url + ": " + oneLine(reason) + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), cause);
        this.url = Objects.requireNonNull(url, "url");
        this.reason = oneLine(reason);
        this.attempts = attempts;
    }

    /** The URL the request went to. */
    public String url() {
        return url;
    }

    /** Why it failed, in one line, without the URL. */
    public String reason() {
        return reason;
    }

    /** How many requests were sent before giving up. */
    public int attempts() {
        return attempts;
    }

    /** Whether a later attempt could succeed (a timeout, a 5xx or a 429): the client retries these. */
    public abstract boolean retryable();

    /** A copy of this failure that records the number of attempts made. */
    abstract ModelException afterAttempts(int n);

    static String oneLine(String s) {
        if (s == null || s.isBlank()) return "(no message)";
        String line = s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
