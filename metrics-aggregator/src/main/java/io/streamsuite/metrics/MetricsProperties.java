package io.streamsuite.metrics;

import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.metrics.alerts.AlertThresholds;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every window, threshold and size of the analytics ({@code metrics.*} in application.yml), with its default. */
@ConfigurationProperties("metrics")
public class MetricsProperties {

    private final Pages pages = new Pages();
    private final Visitors visitors = new Visitors();
    private final Latency latency = new Latency();
    private final Alerts alerts = new Alerts();
    private final Sessions sessions = new Sessions();
    private final TopPages topPages = new TopPages();

    public MetricsSettings toSettings() {
        return new MetricsSettings(pages.window, pages.grace, pages.retention, pages.tickInterval, visitors.window,
                new DistinctCounts(visitors.lgK), new Quantiles(latency.relativeAccuracy),
                new AlertThresholds(alerts.p99Ms, alerts.errorRate, alerts.minViews, alerts.consecutiveWindows),
                sessions.inactivityGap, sessions.grace, sessions.retention, topPages.size);
    }

    public static class Pages {
        private Duration window = Duration.ofMinutes(1);
        /** A page view later than this (in event time) misses its window and goes to analytics.late-page-views. */
        private Duration grace = Duration.ofSeconds(30);
        /** How long page windows stay queryable over REST (at least window + grace). */
        private Duration retention = Duration.ofHours(2);
        /** How often each task tells the page partitions its stream time, so windows close on thin traffic. */
        private Duration tickInterval = Duration.ofSeconds(5);

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getGrace() { return grace; }
        public void setGrace(Duration grace) { this.grace = grace; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public Duration getTickInterval() { return tickInterval; }
        public void setTickInterval(Duration tickInterval) { this.tickInterval = tickInterval; }
    }

    public static class Visitors {
        /** Hopping window of unique visitors; it advances by metrics.pages.window. */
        private Duration window = Duration.ofMinutes(5);
        /** log2 of the HyperLogLog's registers: 14 gives about 0.8 % relative standard error. */
        private int lgK = DistinctCounts.DEFAULT_LG_K;

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public int getLgK() { return lgK; }
        public void setLgK(int lgK) { this.lgK = lgK; }
    }

    public static class Latency {
        private double relativeAccuracy = Quantiles.DEFAULT_RELATIVE_ACCURACY;

        public double getRelativeAccuracy() { return relativeAccuracy; }
        public void setRelativeAccuracy(double relativeAccuracy) { this.relativeAccuracy = relativeAccuracy; }
    }

    public static class Alerts {
        /** A window whose p99 latency is above this is bad. */
        private double p99Ms = 2000;
        /** A window whose share of 5xx answers is above this is bad. */
        private double errorRate = 0.05;
        /** Windows with fewer views prove nothing either way. */
        private long minViews = 20;
        /** Bad windows in a row before an alert fires. */
        private int consecutiveWindows = 2;

        public double getP99Ms() { return p99Ms; }
        public void setP99Ms(double p99Ms) { this.p99Ms = p99Ms; }
        public double getErrorRate() { return errorRate; }
        public void setErrorRate(double errorRate) { this.errorRate = errorRate; }
        public long getMinViews() { return minViews; }
        public void setMinViews(long minViews) { this.minViews = minViews; }
        public int getConsecutiveWindows() { return consecutiveWindows; }
        public void setConsecutiveWindows(int consecutiveWindows) { this.consecutiveWindows = consecutiveWindows; }
    }

    public static class Sessions {
        private Duration inactivityGap = Duration.ofMinutes(30);
        /** How late a page view may still join (or bridge) a user's sessions. */
        private Duration grace = Duration.ofMinutes(5);
        private Duration retention = Duration.ofDays(1);

        public Duration getInactivityGap() { return inactivityGap; }
        public void setInactivityGap(Duration inactivityGap) { this.inactivityGap = inactivityGap; }
        public Duration getGrace() { return grace; }
        public void setGrace(Duration grace) { this.grace = grace; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
    }

    public static class TopPages {
        private int size = 10;

        public int getSize() { return size; }
        public void setSize(int size) { this.size = size; }
    }

    public Pages getPages() { return pages; }
    public Visitors getVisitors() { return visitors; }
    public Latency getLatency() { return latency; }
    public Alerts getAlerts() { return alerts; }
    public Sessions getSessions() { return sessions; }
    public TopPages getTopPages() { return topPages; }
}
