package io.streamsuite.kit.query;

/** A queryable store as listed by {@code GET /api/stores}. */
public record StoreInfo(String name, QueryableStore.Kind kind, String keyType) {
}
