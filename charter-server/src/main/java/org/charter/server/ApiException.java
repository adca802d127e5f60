package org.charter.server;

/** An error the API reports as JSON with an HTTP status; {@code field} names the offending input, when there is one. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badField(String field, String problem) {
        return new ApiException(400, field + " " + problem, field);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
