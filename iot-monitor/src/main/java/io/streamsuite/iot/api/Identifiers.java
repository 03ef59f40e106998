package io.streamsuite.iot.api;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.InvalidQueryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks of the path and query parameters, so bad input is a 400 problem before any store is asked. */
final class Identifiers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Identifiers() {
    }

    static String deviceId(String text) {
        if (text == null || !ID.matcher(text).matches()) {
            throw new InvalidQueryException("a device id is 1 to 128 letters, digits or . _ : -");
        }
        return text;
    }

    static String site(String text) {
        if (text == null || !SITE.matcher(text).matches()) {
            throw new InvalidQueryException("a site is 1 to 64 letters, digits or . _ -");
        }
        return text;
    }

    static Instant instant(String name, String text) {
        try {
            return AvroJson.parseInstant(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException(name + " is not an ISO-8601 instant (e.g. 2026-03-01T12:00:00Z)");
        }
    }
}
