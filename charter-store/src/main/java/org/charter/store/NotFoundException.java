package org.charter.store;

/** Something asked for by id does not exist; the message names it ("assembly 7", "statement 3 of assembly 7"). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " does not exist");
    }
}
