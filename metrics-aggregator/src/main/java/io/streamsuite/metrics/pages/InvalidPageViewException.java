package io.streamsuite.metrics.pages;

/** A page view the analytics cannot place (no usable page path): the kit sends its record to the dead-letter topic. */
public class InvalidPageViewException extends RuntimeException {

    public InvalidPageViewException(String message) {
        super(message);
    }
}
