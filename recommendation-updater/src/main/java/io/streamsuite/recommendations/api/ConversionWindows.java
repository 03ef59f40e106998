package io.streamsuite.recommendations.api;

import java.time.Instant;
import java.util.List;

/** An item's conversion windows whose start lies in [from, to]. */
public record ConversionWindows(String itemId, Instant from, Instant to, List<Window> windows) {

    /** One tumbling window: views, purchases that followed a view, and their ratio. */
    public record Window(Instant windowStart, Instant windowEnd, long views, long convertedPurchases, double rate) {
    }
}
