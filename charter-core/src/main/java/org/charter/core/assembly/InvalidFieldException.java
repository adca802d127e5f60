package org.charter.core.assembly;

/** Input that breaks a rule of the domain; names the field so that an API can say which one. */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
