package io.streamsuite.kit.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Pages: the limit a caller may ask for, the cut of a page with its next cursor (see {@link QueryCursor}), and walking all pages. */
final class QueryPaging {

    private QueryPaging() {
    }

    static int limit(Integer limit, QueryProperties properties) {
        if (limit == null) {
            return properties.getDefaultLimit();
        }
        if (limit < 1 || limit > properties.getMaxLimit()) {
            throw new InvalidQueryException("limit must be between 1 and " + properties.getMaxLimit() + ", got " + limit);
        }
        return limit;
    }

    /** The slice as a page; its cursor names the last item's position, when more items follow. */
    static StoreEntries page(QueryableStore store, Slice slice, QueryCursor.Kind kind, Function<Found, List<String>> position) {
        List<Found> items = slice.items();
        String next = slice.more() && !items.isEmpty()
                ? QueryCursor.encode(store, kind, position.apply(items.get(items.size() - 1))) : null;
        return new StoreEntries(store.name(), items.stream().map(Found::entry).toList(), next);
    }

    /** Follows nextCursor to the end: for callers that want every item of a bounded query. */
    static StoreEntries everyPage(Function<String, StoreEntries> page) {
        StoreEntries current = page.apply(null);
        List<StoreEntry> items = new ArrayList<>(current.items());
        while (current.nextCursor() != null) {
            current = page.apply(current.nextCursor());
            items.addAll(current.items());
        }
        return new StoreEntries(current.store(), items, null);
    }
}
