package io.streamsuite.metrics;

import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.metrics.alerts.AlertThresholds;
import java.time.Duration;

/**
 * What the topology and the REST API need, built from {@link MetricsProperties} (or its defaults in
 * tests), so the topology is a plain function of it.
 *
 * @param window         tumbling page window (also the visitor bucket and the latency minute)
 * @param grace          how late (in event time) a page view may still count in its window
 * @param retention      how long page windows stay queryable
 * @param tickInterval   wall-clock interval of stream-time ticks (windows close on thin traffic)
 * @param visitorWindow  hopping window of unique visitors, a multiple of {@code window}
 * @param topPages       how many pages the top-pages view keeps per window
 */
public record MetricsSettings(Duration window, Duration grace, Duration retention, Duration tickInterval,
                              Duration visitorWindow, DistinctCounts distinctCounts, Quantiles quantiles,
                              AlertThresholds alerts, Duration sessionGap, Duration sessionGrace,
                              Duration sessionRetention, int topPages) {

    public MetricsSettings {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("metrics.pages.window must be positive");
        }
        if (visitorWindow.toMillis() % window.toMillis() != 0 || visitorWindow.compareTo(window) < 0) {
            throw new IllegalArgumentException("metrics.visitors.window must be a multiple of metrics.pages.window");
        }
        if (retention.compareTo(window.plus(grace)) < 0) {
            throw new IllegalArgumentException("metrics.pages.retention must be at least window plus grace");
        }
        if (topPages < 1) {
            throw new IllegalArgumentException("metrics.top-pages.size must be at least 1");
        }
    }

    public static MetricsSettings defaults() {
        return new MetricsProperties().toSettings();
    }
}
