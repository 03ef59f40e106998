package io.streamsuite.kit.query;

import java.time.Duration;
import java.time.Instant;

/**
 * The [from, to] time range of a service's query, from its request parameters: ISO-8601 instants or
 * epoch milliseconds between 1970 and 9999 (so a store's window arithmetic cannot overflow), from
 * not after to, and no longer than what the store keeps. Every failure is a 400 naming the parameter.
 */
public record QueryRange(Instant from, Instant to) {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * @param defaultLength how far back from {@code to} an absent {@code from} lies (at most {@code maxLength})
     * @param maxLength     the longest range, usually the store's retention
     * @param maxSetting    the setting that gives {@code maxLength}, named in the error
     */
    public static QueryRange parse(String fromText, String toText, Duration defaultLength, Duration maxLength,
                                   String maxSetting) {
        Instant to = instant("to", toText, Instant.now());
        Instant from = isAbsent(fromText)
                ? to.minus(defaultLength.compareTo(maxLength) > 0 ? maxLength : defaultLength)
                : instant("from", fromText, null);
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from (" + from + ") is after to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(maxLength) > 0) {
            throw new InvalidQueryException("from and to may be at most " + maxLength + " apart (" + maxSetting + ")");
        }
        return new QueryRange(from, to);
    }

    /** One time parameter of a service's query; {@code absent} when the parameter is absent or blank. */
    public static Instant instant(String name, String text, Instant absent) {
        if (isAbsent(text)) {
            return absent;
        }
        Instant instant = QueryInstant.parse(name, text);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidQueryException(name + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    private static boolean isAbsent(String text) {
        return text == null || text.isBlank();
    }
}
