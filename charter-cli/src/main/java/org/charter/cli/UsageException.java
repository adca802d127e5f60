package org.charter.cli;

/** A command used wrongly in a way the parser cannot see (say, two options that exclude each other): exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
