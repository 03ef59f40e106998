package io.streamsuite.kit.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Opaque page cursors: the store's name, the query's kind and the position of a page's last item,
 * so the next page starts right after it. A cursor that is not ours, belongs to another store or
 * another kind of query, or was edited, is a 400 (never a 5xx and never a silently wrong page).
 */
final class QueryCursor {

    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INVALID = "cursor is not valid for this query: pass nextCursor from a previous page unchanged";

    /** What a cursor pages through; a cursor of one kind is refused by another. */
    enum Kind { KEYS, WINDOWS, ALL_WINDOWS, SESSIONS }

    private QueryCursor() {
    }

    static String encode(QueryableStore store, Kind kind, List<String> position) {
        ArrayNode array = JSON.createArrayNode().add(VERSION).add(store.name()).add(kind.name());
        position.forEach(array::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position parts of a cursor made by {@link #encode} for this store and kind. */
    static List<String> decode(QueryableStore store, Kind kind, String cursor, int parts) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidQueryException(INVALID);
        }
        JsonNode array;
        try {
            array = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidQueryException(INVALID);
        }
        if (array == null || !array.isArray() || array.size() != 3 + parts
                || !VERSION.equals(text(array.get(0))) || !store.name().equals(text(array.get(1)))
                || !kind.name().equals(text(array.get(2)))) {
            throw new InvalidQueryException(INVALID);
        }
        List<String> position = new ArrayList<>();
        for (int i = 3; i < array.size(); i++) {
            String part = text(array.get(i));
            if (part == null) {
                throw new InvalidQueryException(INVALID);
            }
            position.add(part);
        }
        return position;
    }

    /** A position part that must be epoch milliseconds. */
    static long millis(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(INVALID);
        }
    }

    /** A position part that must be a key of the store. */
    static Object key(KeyType<Object> keys, String part) {
        try {
            return keys.parse(part);
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException(INVALID);
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
