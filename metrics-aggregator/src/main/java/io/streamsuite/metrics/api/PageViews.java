package io.streamsuite.metrics.api;

import java.time.Instant;
import java.util.List;

/** Answers of {@link PageController}: one record per route, windows oldest first. */
public final class PageViews {

    private PageViews() {
    }

    public record Counts(String page, Instant from, Instant to, long views, long errors, List<CountWindow> windows) {
    }

    public record CountWindow(Instant windowStart, Instant windowEnd, long views, long errors, double errorRate) {
    }

    public record Latency(String page, Instant from, Instant to, double relativeAccuracy, Percentiles merged,
                          List<LatencyWindow> windows) {
    }

    public record LatencyWindow(Instant windowStart, Instant windowEnd, Percentiles latency) {
    }

    /** Milliseconds; null when the range had no views. */
    public record Percentiles(long count, Double p50, Double p95, Double p99) {
    }

    public record Visitors(String page, Instant from, Instant to, String windowLength, long total,
                           List<VisitorWindow> windows) {
    }

    public record VisitorWindow(Instant windowStart, Instant windowEnd, long visitors) {
    }
}
