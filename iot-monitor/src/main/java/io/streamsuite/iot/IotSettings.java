package io.streamsuite.iot;

import io.streamsuite.iot.anomaly.SpikeDetector;
import io.streamsuite.iot.battery.BatteryRule;
import io.streamsuite.iot.drift.DriftPredictor;
import io.streamsuite.iot.silence.SilenceRule;
import io.streamsuite.iot.thresholds.ThresholdRule;
import java.time.Duration;

/**
 * What the topology needs, as configured rule objects; built from {@link IotProperties} (or its
 * defaults in tests), so the topology is a plain function of it.
 *
 * @param silenceCheckInterval how often the wall-clock punctuator looks at the silence index
 * @param silenceMaxPerCheck   most devices one punctuation handles (the rest wait for the next)
 * @param readingsWindow       size of the per-device windows of GET /api/devices/{id}/readings
 * @param readingsRetention    how long those windows stay queryable
 * @param siteWatermarkInterval how often each device task tells the site windows how far its partition has got
 * @param siteIdleAfter        a device task with no reading for this long (wall clock) declares its partition idle,
 *                             so it no longer holds the site windows open; zero: never
 * @param devicesInMemory      devices each device task keeps decoded in memory (the most recently seen)
 */
public record IotSettings(ThresholdRule thresholds, SpikeDetector spikes, SilenceRule silence, Duration silenceCheckInterval,
                          int silenceMaxPerCheck, DriftPredictor drift, BatteryRule battery, Duration readingsWindow,
                          Duration readingsRetention, Duration siteWindow, Duration siteGrace,
                          Duration siteWatermarkInterval, Duration siteIdleAfter, int devicesInMemory) {

    public static IotSettings defaults() {
        return new IotProperties().toSettings();
    }
}
