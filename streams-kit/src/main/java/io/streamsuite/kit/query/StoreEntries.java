package io.streamsuite.kit.query;

import java.util.List;

/** A page of answers. {@code nextCursor} is opaque; null when there is nothing more. */
public record StoreEntries(String store, List<StoreEntry> items, String nextCursor) {
}
