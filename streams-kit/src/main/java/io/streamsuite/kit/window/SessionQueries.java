package io.streamsuite.kit.window;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryService;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Sessions of one key that overlap a time range, on top of the query layer's
 * {@link StoreQueryService#sessions} (which answers from the key's owner, wherever it lives).
 */
public final class SessionQueries {

    private final StoreQueryService queries;

    public SessionQueries(StoreQueryService queries) {
        this.queries = queries;
    }

    /** Sessions of {@code key} in {@code store} that end at or after {@code from} and start at or before {@code to}. */
    public StoreEntries overlapping(String store, String key, Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from (" + from + ") is after to (" + to + ")");
        }
        StoreEntries all = queries.sessions(store, key);
        List<StoreEntry> within = all.items().stream().filter(entry -> overlaps(entry.key(), from, to)).toList();
        return new StoreEntries(all.store(), within, null);
    }

    private static boolean overlaps(JsonNode windowedKey, Instant from, Instant to) {
        Instant start = AvroJson.parseInstant(windowedKey.get("windowStart").asString());
        JsonNode endNode = windowedKey.get("windowEnd");
        Instant end = endNode == null ? start : AvroJson.parseInstant(endNode.asString());
        return !end.isBefore(from) && !start.isAfter(to);
    }
}
