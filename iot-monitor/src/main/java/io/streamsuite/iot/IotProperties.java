package io.streamsuite.iot;

import io.streamsuite.iot.anomaly.SpikeDetector;
import io.streamsuite.iot.battery.BatteryRule;
import io.streamsuite.iot.drift.DriftPredictor;
import io.streamsuite.iot.silence.SilenceRule;
import io.streamsuite.iot.thresholds.ThresholdRule;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every setting of the device rules ({@code iot.*} in application.yml), with its default. */
@ConfigurationProperties("iot")
public class IotProperties {

    private final AnomalyProperties anomaly = new AnomalyProperties();
    private final SilenceProperties silence = new SilenceProperties();
    private final DriftProperties drift = new DriftProperties();
    private final BatteryProperties battery = new BatteryProperties();
    private final ReadingsProperties readings = new ReadingsProperties();
    private final SitesProperties sites = new SitesProperties();
    private final DevicesProperties devices = new DevicesProperties();

    public IotSettings toSettings() {
        if (silence.maxPerCheck < 1) {
            throw new IllegalArgumentException("iot.silence.max-per-check must be at least 1");
        }
        if (sites.watermarkInterval.isNegative() || sites.watermarkInterval.isZero()) {
            throw new IllegalArgumentException("iot.sites.watermark-interval must be positive");
        }
        if (sites.idleAfter.isNegative()) {
            throw new IllegalArgumentException("iot.sites.idle-after must not be negative");
        }
        if (devices.inMemoryPerTask < 1) {
            throw new IllegalArgumentException("iot.devices.in-memory-per-task must be at least 1");
        }
        if (readings.retention.compareTo(readings.window) < 0) {
            throw new IllegalArgumentException("iot.readings.retention must be at least iot.readings.window");
        }
        return new IotSettings(new ThresholdRule(),
                new SpikeDetector(anomaly.k, anomaly.alpha, anomaly.warmUp, anomaly.rebaseAfter),
                new SilenceRule(silence.factor), silence.checkInterval, silence.maxPerCheck,
                new DriftPredictor(drift.window, drift.minPoints, drift.horizon.toMillis(), drift.confidence),
                new BatteryRule(battery.lowBelow, battery.recoveredAbove),
                readings.window, readings.retention, sites.window, sites.grace, sites.watermarkInterval, sites.idleAfter,
                devices.inMemoryPerTask);
    }

    public static class AnomalyProperties {
        /** A reading more than this many standard deviations from the baseline is a spike. */
        private double k = 4;
        /** Weight of each new reading in the EWMA baseline. */
        private double alpha = 0.05;
        /** Readings that build the baseline before spikes are judged. */
        private int warmUp = 30;
        /** After this many outliers in a row the level has moved: the baseline starts again. */
        private int rebaseAfter = 10;

        public double getK() { return k; }
        public void setK(double k) { this.k = k; }
        public double getAlpha() { return alpha; }
        public void setAlpha(double alpha) { this.alpha = alpha; }
        public int getWarmUp() { return warmUp; }
        public void setWarmUp(int warmUp) { this.warmUp = warmUp; }
        public int getRebaseAfter() { return rebaseAfter; }
        public void setRebaseAfter(int rebaseAfter) { this.rebaseAfter = rebaseAfter; }
    }

    public static class SilenceProperties {
        /** Silent after this many expected intervals without a reading. */
        private double factor = 3;
        private Duration checkInterval = Duration.ofMillis(250);
        private int maxPerCheck = 10_000;

        public double getFactor() { return factor; }
        public void setFactor(double factor) { this.factor = factor; }
        public Duration getCheckInterval() { return checkInterval; }
        public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
        public int getMaxPerCheck() { return maxPerCheck; }
        public void setMaxPerCheck(int maxPerCheck) { this.maxPerCheck = maxPerCheck; }
    }

    public static class DriftProperties {
        /** Readings the trend is fitted through (the last N). */
        private int window = 120;
        /** Fewest readings a prediction is made from. */
        private int minPoints = 20;
        /** DRIFT when the predicted crossing of max is at most this far ahead. */
        private Duration horizon = Duration.ofMinutes(30);
        /** The slope must be this many standard errors above zero. */
        private double confidence = 4;

        public int getWindow() { return window; }
        public void setWindow(int window) { this.window = window; }
        public int getMinPoints() { return minPoints; }
        public void setMinPoints(int minPoints) { this.minPoints = minPoints; }
        public Duration getHorizon() { return horizon; }
        public void setHorizon(Duration horizon) { this.horizon = horizon; }
        public double getConfidence() { return confidence; }
        public void setConfidence(double confidence) { this.confidence = confidence; }
    }

    public static class BatteryProperties {
        /** LOW_BATTERY when the charge (percent) falls under this. */
        private double lowBelow = 15;
        /** Low until the charge is back above this (a new battery). */
        private double recoveredAbove = 30;

        public double getLowBelow() { return lowBelow; }
        public void setLowBelow(double lowBelow) { this.lowBelow = lowBelow; }
        public double getRecoveredAbove() { return recoveredAbove; }
        public void setRecoveredAbove(double recoveredAbove) { this.recoveredAbove = recoveredAbove; }
    }

    public static class ReadingsProperties {
        private Duration window = Duration.ofMinutes(1);
        private Duration retention = Duration.ofHours(24);

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
    }

    public static class SitesProperties {
        private Duration window = Duration.ofMinutes(1);
        /** How late (in event time) a reading may still count in its site window. */
        private Duration grace = Duration.ofSeconds(30);
        /** How often each device task sends its partition's progress (watermark) to the site windows. */
        private Duration watermarkInterval = Duration.ofMillis(250);
        /**
         * A device task that has had no reading for this long (and one since it started) calls its partition idle:
         * the site windows stop waiting for it until it reports again. Zero: a partition never counts as idle.
         */
        private Duration idleAfter = Duration.ofSeconds(30);

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getGrace() { return grace; }
        public void setGrace(Duration grace) { this.grace = grace; }
        public Duration getWatermarkInterval() { return watermarkInterval; }
        public void setWatermarkInterval(Duration watermarkInterval) { this.watermarkInterval = watermarkInterval; }
        public Duration getIdleAfter() { return idleAfter; }
        public void setIdleAfter(Duration idleAfter) { this.idleAfter = idleAfter; }
    }

    public static class DevicesProperties {
        /**
         * Devices each device task keeps decoded in memory, the most recently seen (about 2 KB each with a full drift
         * window); the others are read from the stores when they report.
         */
        private int inMemoryPerTask = 20_000;

        public int getInMemoryPerTask() { return inMemoryPerTask; }
        public void setInMemoryPerTask(int inMemoryPerTask) { this.inMemoryPerTask = inMemoryPerTask; }
    }

    public AnomalyProperties getAnomaly() { return anomaly; }
    public SilenceProperties getSilence() { return silence; }
    public DriftProperties getDrift() { return drift; }
    public BatteryProperties getBattery() { return battery; }
    public ReadingsProperties getReadings() { return readings; }
    public SitesProperties getSites() { return sites; }
    public DevicesProperties getDevices() { return devices; }
}
