package io.streamsuite.kit.query;

/** The store holds no value for the key: 404. Thrown by controllers, not by {@link StoreQueryService}. */
public class KeyNotFoundException extends RuntimeException {
    public KeyNotFoundException(String store, String key) {
        super("store '" + store + "' has no value for key " + key);
    }
}
