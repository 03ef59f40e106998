package io.streamsuite.iot.api;

import io.streamsuite.kit.query.InvalidQueryException;
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
}
