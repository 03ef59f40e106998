package io.streamsuite.recommendations;

import java.util.regex.Pattern;

/** User, item and category ids this service accepts, on its input topics and in its REST paths. */
public final class Ids {

    /** Letters, digits and {@code . _ : -}; no slash, which joins user and item in candidate keys. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static final String RULE = "1 to 128 letters, digits, '.', '_', ':' or '-'";

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
