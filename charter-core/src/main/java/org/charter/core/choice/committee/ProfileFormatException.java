package org.charter.core.choice.committee;

/** A profile file that cannot be read; the message names the file and the line or field. */
public final class ProfileFormatException extends IllegalArgumentException {
    public ProfileFormatException(String message) {
        super(message);
    }
}
