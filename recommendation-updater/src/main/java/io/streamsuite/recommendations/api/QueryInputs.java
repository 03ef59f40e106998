package io.streamsuite.recommendations.api;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.recommendations.Ids;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Checks of path and query parameters; each failure is a 400 problem naming the parameter. */
final class QueryInputs {

    private QueryInputs() {
    }

    static String id(String name, String value) {
        if (!Ids.isValid(value)) {
            throw new InvalidQueryException(name + " must be " + Ids.RULE);
        }
        return value;
    }

    /** {@code text} as a number in [1, max]; {@code fallback} when absent. */
    static int limit(String text, int fallback, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("limit must be a whole number from 1 to " + max);
    }

    static Instant instant(String name, String text, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return AvroJson.parseInstant(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException(name + " is not an ISO-8601 instant (e.g. 2026-03-01T12:00:00Z)");
        }
    }
}
