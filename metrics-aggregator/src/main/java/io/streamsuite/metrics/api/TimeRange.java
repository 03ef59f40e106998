package io.streamsuite.metrics.api;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.InvalidQueryException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A [from, to] query range from request text: ISO-8601 instants or epoch milliseconds, bounded in length. */
record TimeRange(Instant from, Instant to) {

    static TimeRange parse(String from, String to, Duration defaultLength, Duration maxLength) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(defaultLength) : instant("from", from);
        if (start.isAfter(end)) {
            throw new InvalidQueryException("from (" + start + ") is after to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw new InvalidQueryException("from and to may be at most " + maxLength + " apart");
        }
        return new TimeRange(start, end);
    }

    static Instant instant(String name, String text) {
        try {
            Instant parsed = AvroJson.parseInstant(text);
            // Far outside what a store can hold, and beyond what epoch-millisecond arithmetic survives.
            if (parsed.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || parsed.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                throw new InvalidQueryException(name + " must lie between 1970 and 9999");
            }
            return parsed;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException(name + " is not an ISO-8601 instant (e.g. 2026-03-01T12:00:00Z) or epoch milliseconds");
        }
    }
}
