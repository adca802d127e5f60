package org.charter.store;

/** The store could not be opened or used: the message says what and where, for one line on a terminal. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
