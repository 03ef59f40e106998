package io.streamsuite.iot.device;

import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.anomaly.SpikeDetector;
import io.streamsuite.iot.battery.BatteryRule;
import io.streamsuite.iot.drift.DriftPredictor;
import io.streamsuite.iot.silence.SilenceRule;
import io.streamsuite.iot.thresholds.ThresholdRule;
import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.SensorReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Every rule on one device, as a plain function: (what we remember, a reading, its registration,
 * the wall clock) → a {@link ReadingDecision}; and (what we remember, the wall clock) → a silence
 * check. No Kafka types, so the decisions are tested without a topology.
 *
 * <p>A reading older than the device's newest one (late or out of order) still counts in the windowed
 * statistics and keeps the device from being silent, but does not drive transitions: a breach, spike
 * or trend is judged on the series as it happened.
 */
public final class DeviceMonitor {

    private final ThresholdRule thresholds;
    private final SpikeDetector spikes;
    private final SilenceRule silence;
    private final DriftPredictor drift;
    private final BatteryRule battery;
    private final long siteWindowMs;
    private final long recheckMs;

    public DeviceMonitor(IotSettings settings) {
        this.thresholds = settings.thresholds();
        this.spikes = settings.spikes();
        this.silence = settings.silence();
        this.drift = settings.drift();
        this.battery = settings.battery();
        this.siteWindowMs = settings.siteWindow().toMillis();
        this.recheckMs = settings.silenceCheckInterval().toMillis();
    }

    public static final String UNREGISTERED_SITE = "unregistered";

    public ReadingDecision onReading(String deviceId, MonitoredDevice previous, SensorReading reading,
                                     DeviceRegistration registration, long now, long watchingSince) {
        MonitoredDevice device = previous == null ? MonitoredDevice.first(drift.emptyWindow()) : previous;
        long eventTime = reading.getEventTime().toEpochMilli();
        double value = reading.getValue();
        String site = registration == null ? UNREGISTERED_SITE : registration.getSite();
        long interval = registration == null ? 0 : registration.getExpectedIntervalMs();
        List<DeviceAlert> alerts = new ArrayList<>();
        List<DeviceAlert> opened = new ArrayList<>();
        Set<DeviceAlertType> ended = EnumSet.noneOf(DeviceAlertType.class);
        if (device.silent()) {
            ended.add(DeviceAlertType.SILENT);
        }

        boolean inOrder = eventTime >= device.lastEventTime();
        boolean inBreach = device.inBreach();
        boolean drifting = device.drifting();
        boolean batteryLow = device.batteryLow();
        var baseline = device.baseline();
        int outlierRun = device.outlierRun();
        TrendWindow trend = device.trend();
        if (trend.capacity() != drift.emptyWindow().capacity()) {
            trend = drift.emptyWindow();
        }
        long raised = 0;
        if (inOrder) {
            if (registration != null) {
                double min = registration.getThresholds().getMin();
                double max = registration.getThresholds().getMax();
                switch (thresholds.next(inBreach, value, min, max)) {
                    case STARTED -> {
                        inBreach = true;
                        DeviceAlert alert = Alerts.raised(deviceId, site, DeviceAlertType.THRESHOLD_BREACH, value,
                                thresholds.crossed(value, min, max), "value " + value + " is outside [" + min + ", " + max + "]",
                                eventTime, now, null);
                        alerts.add(alert);
                        opened.add(alert);
                        raised++;
                    }
                    case CLEARED -> {
                        inBreach = false;
                        alerts.add(Alerts.cleared(deviceId, site, DeviceAlertType.THRESHOLD_BREACH, value, null,
                                "value " + value + " is back inside [" + min + ", " + max + "]", eventTime, now));
                        ended.add(DeviceAlertType.THRESHOLD_BREACH);
                    }
                    case NONE -> {
                    }
                }
            }
            SpikeDetector.Assessment spike = spikes.assess(baseline, outlierRun, value);
            if (spike.spike()) {
                alerts.add(Alerts.raised(deviceId, site, DeviceAlertType.SPIKE, value, null,
                        String.format("value %s is %.1f standard deviations from the baseline mean %.3f", value,
                                spike.deviations(), baseline.mean()), eventTime, now, null));
                raised++;
            }
            baseline = spike.baseline();
            outlierRun = spike.outlierRun();
            // Outliers stay out of the trend as they stay out of the baseline.
            if (!spike.outlier()) {
                trend = trend.add(eventTime, value);
            }
            if (registration != null) {
                double max = registration.getThresholds().getMax();
                OptionalLong crossing = value > max ? OptionalLong.empty() : drift.predictedCrossing(trend, max, eventTime);
                if (crossing.isPresent() && !drifting) {
                    drifting = true;
                    DeviceAlert alert = Alerts.raised(deviceId, site, DeviceAlertType.DRIFT, value, max,
                            "trend crosses " + max + " at " + Instant.ofEpochMilli(crossing.getAsLong()),
                            eventTime, now, crossing.getAsLong());
                    alerts.add(alert);
                    opened.add(alert);
                    raised++;
                } else if (crossing.isEmpty() && drifting) {
                    drifting = false;
                    ended.add(DeviceAlertType.DRIFT);
                }
            }
            switch (battery.next(batteryLow, reading.getBattery())) {
                case LOW -> {
                    batteryLow = true;
                    DeviceAlert alert = Alerts.raised(deviceId, site, DeviceAlertType.LOW_BATTERY, reading.getBattery(),
                            battery.lowBelow(), "battery at " + reading.getBattery() + " %", eventTime, now, null);
                    alerts.add(alert);
                    opened.add(alert);
                    raised++;
                }
                case RECOVERED -> {
                    batteryLow = false;
                    ended.add(DeviceAlertType.LOW_BATTERY);
                }
                case NONE -> {
                }
            }
        }
        long siteWindow = eventTime - Math.floorMod(eventTime, siteWindowMs);
        boolean countsForSite = siteWindow > device.siteWindowStart() || !site.equals(device.site());
        long due = silence.dueAt(now, interval, watchingSince);
        MonitoredDevice next = new MonitoredDevice(site, interval, Math.max(eventTime, device.lastEventTime()),
                inOrder ? value : device.lastValue(), now, due, false, inBreach, drifting, batteryLow,
                device.alertCount() + raised, outlierRun, baseline, trend,
                countsForSite ? Math.max(siteWindow, device.siteWindowStart()) : device.siteWindowStart());
        boolean statusChanged = previous == null || previous.state() != next.state() || raised > 0
                || !previous.site().equals(next.site());
        return new ReadingDecision(next, alerts, opened, ended, statusChanged, countsForSite);
    }

    /** The punctuator's check of a device that came up in the silence index. */
    public SilenceCheck onCheck(String deviceId, MonitoredDevice device, long now, long watchingSince, long partitionEventTime,
                                long lastProcessedMs) {
        if (device.silent() || device.intervalMs() <= 0) {
            return new SilenceCheck(device.dueAt(-1), null);
        }
        if (!silence.silent(device.lastHeardMs(), device.lastEventTime(), device.intervalMs(), watchingSince, now,
                partitionEventTime, lastProcessedMs)) {
            long due = silence.dueAt(device.lastHeardMs(), device.intervalMs(), watchingSince);
            // Filed early (readings pushed the deadline on): refile at the deadline. Due by the wall clock
            // but the partition has not moved on yet: look again when it may have.
            return new SilenceCheck(device.dueAt(due > now ? due : silence.recheckAt(device.lastEventTime(),
                    device.intervalMs(), watchingSince, now, partitionEventTime, lastProcessedMs, recheckMs)), null);
        }
        DeviceAlert alert = Alerts.raised(deviceId, device.site(), DeviceAlertType.SILENT, null, null,
                "no reading for " + (now - device.lastHeardMs()) / 1000 + " s (expected every "
                        + device.intervalMs() / 1000.0 + " s)", device.lastEventTime(), now, null);
        return new SilenceCheck(device.silenced(1), alert);
    }

    /** The device's state after a check, and the SILENT alert when it fell silent. */
    public record SilenceCheck(MonitoredDevice next, DeviceAlert alert) {

        public boolean fellSilent() {
            return alert != null;
        }
    }

    /** Built once per reading: the all-fields constructor, not the builder (which validates and copies each field). */
    public static DeviceStatus status(String deviceId, MonitoredDevice device) {
        return new DeviceStatus(deviceId, device.site(), device.state(), Instant.ofEpochMilli(device.lastEventTime()),
                Double.isNaN(device.lastValue()) ? null : device.lastValue(), device.alertCount());
    }
}
