package io.streamsuite.kit.query;

/** The request is wrong (malformed key, bad time range, limit or cursor, wrong query for the store): 400. */
public class InvalidQueryException extends RuntimeException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
