package io.streamsuite.kit.query;

/** No queryable store of that name is declared: 404. */
public class UnknownStoreException extends RuntimeException {
    public UnknownStoreException(String message) {
        super(message);
    }
}
