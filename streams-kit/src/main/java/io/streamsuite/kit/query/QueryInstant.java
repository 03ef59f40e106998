package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * A time parameter of a query: an ISO-8601 instant or epoch milliseconds. Stores count time in epoch
 * milliseconds, so an instant outside that range (Instant allows years ±1,000,000,000) is a 400 here,
 * not an overflow deep in a store. For a service's own endpoints as much as for the kit's.
 */
public final class QueryInstant {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private QueryInstant() {
    }

    /** @param name the parameter's name, for the error message */
    public static Instant parse(String name, String text) {
        Instant instant;
        try {
            instant = AvroJson.parseInstant(text);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidQueryException(name + " '" + abbreviate(text)
                    + "' is neither an ISO-8601 instant (2024-05-01T10:00:00Z) nor epoch milliseconds");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidQueryException(name + " '" + abbreviate(text) + "' is outside the time a store can hold ("
                    + EARLIEST + " to " + LATEST + ")");
        }
        return instant;
    }

    /** As {@link #parse}, with a default for an absent or blank parameter. */
    public static Instant parse(String name, String text, Instant absent) {
        return text == null || text.isBlank() ? absent : parse(name, text);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
