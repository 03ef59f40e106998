package io.streamsuite.simulator;

/** A command-line option that is missing, unknown or has a bad value; the message says which and why. */
public final class BadOptionsException extends RuntimeException {

    public BadOptionsException(String message) {
        super(message);
    }
}
