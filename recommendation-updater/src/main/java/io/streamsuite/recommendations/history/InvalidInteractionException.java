package io.streamsuite.recommendations.history;

/** An interaction the service cannot use; the kit sends its record to the dead-letter topic. */
public class InvalidInteractionException extends RuntimeException {

    public InvalidInteractionException(String message) {
        super(message);
    }
}
