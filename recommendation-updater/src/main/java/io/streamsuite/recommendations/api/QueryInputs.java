package io.streamsuite.recommendations.api;

import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.recommendations.Ids;

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
}
