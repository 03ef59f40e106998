package io.streamsuite.metrics.alerts;

/**
 * When a page window is bad, and how many bad windows in a row fire an alert.
 *
 * @param p99Ms              p99 latency above this is bad
 * @param errorRate          share of 5xx answers above this is bad
 * @param minViews           a window with fewer views proves nothing either way
 * @param consecutiveWindows bad adjacent windows before FIRING
 */
public record AlertThresholds(double p99Ms, double errorRate, long minViews, int consecutiveWindows) {

    public AlertThresholds {
        if (consecutiveWindows < 1) {
            throw new IllegalArgumentException("metrics.alerts.consecutive-windows must be at least 1");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("metrics.alerts.error-rate must be between 0 and 1");
        }
    }
}
