package io.streamsuite.iot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A device's readings per window, as {@code GET /api/devices/{deviceId}/readings} answers. */
public record ReadingsView(String deviceId, Instant from, Instant to, Duration window, List<Window> windows) {

    /** One window [start, end) and the readings in it. */
    public record Window(Instant start, Instant end, long count, double min, double max, double mean) {
    }
}
