package io.streamsuite.kit.query;

import java.util.Comparator;

/**
 * One item a query found, with its place in the query's order: the store key (null when the query is
 * about one key), then window or session start and end (0 for key-value entries).
 */
record Found(Object key, long start, long end, StoreEntry entry) {

    /** Key order first, then start, then end: the order every page and every merge uses. */
    static Comparator<Found> order(KeyType<Object> keys) {
        Comparator<Object> byKey = Comparator.nullsFirst(keys.order());
        return Comparator.comparing(Found::key, byKey)
                .thenComparingLong(Found::start)
                .thenComparingLong(Found::end);
    }
}
