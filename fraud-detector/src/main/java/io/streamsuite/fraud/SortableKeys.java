package io.streamsuite.fraud;

/** Store-key parts whose byte order is their numeric order. */
public final class SortableKeys {

    private static final int DIGITS = 19;

    private SortableKeys() {
    }

    /** As {@code String.format("%019d", value)}, without the formatter's cost on the per-transaction path. */
    public static String zeroPadded(long value) {
        if (value < 0) {
            return String.format("%019d", value);
        }
        String digits = Long.toString(value);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}
