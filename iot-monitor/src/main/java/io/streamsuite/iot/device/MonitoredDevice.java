package io.streamsuite.iot.device;

import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.schemas.iot.DeviceState;

/**
 * Everything the service remembers of one device: where it is and how often it should report, what it
 * last said, the condition flags whose changes are alerts, the spike baseline and the drift window. Kept
 * decoded in memory by {@link DeviceStates} and stored as a {@link StoredDevice}.
 *
 * @param site            the site of its registration when last seen ("" when unregistered)
 * @param intervalMs      expected reporting interval from its registration; 0 when unknown (never silent)
 * @param lastEventTime   event time of its newest reading
 * @param lastHeardMs     wall-clock time this service last heard from it
 * @param dueAt           when it falls silent, as filed in the silence index; negative when not filed
 * @param siteWindowStart the site-stats window it was last counted in as a reporting device
 */
public record MonitoredDevice(String site, long intervalMs, long lastEventTime, double lastValue, long lastHeardMs,
                              long dueAt, boolean silent, boolean inBreach, boolean drifting, boolean batteryLow,
                              long alertCount, int outlierRun, Ewma baseline, TrendWindow trend, long siteWindowStart) {

    public static MonitoredDevice first(TrendWindow emptyTrend) {
        return new MonitoredDevice("", 0, Long.MIN_VALUE, Double.NaN, 0, -1, false, false, false, false, 0, 0,
                Ewma.empty(), emptyTrend, -1);
    }

    /** The health shown in DeviceStatus: silence first, then a breach, then early warnings. */
    public DeviceState state() {
        if (silent) {
            return DeviceState.SILENT;
        }
        if (inBreach) {
            return DeviceState.ALERTING;
        }
        return drifting || batteryLow ? DeviceState.WARNING : DeviceState.OK;
    }

    public boolean hasReported() {
        return lastEventTime != Long.MIN_VALUE;
    }

    MonitoredDevice silenced(long newAlerts) {
        return new MonitoredDevice(site, intervalMs, lastEventTime, lastValue, lastHeardMs, -1, true, inBreach, drifting,
                batteryLow, alertCount + newAlerts, outlierRun, baseline, trend, siteWindowStart);
    }

    /** As read back from the stores: what memory must hold so that a restart decides the same. */
    MonitoredDevice asStored() {
        TrendWindow stored = trend.asStored();
        return stored == trend ? this : new MonitoredDevice(site, intervalMs, lastEventTime, lastValue, lastHeardMs, dueAt,
                silent, inBreach, drifting, batteryLow, alertCount, outlierRun, baseline, stored, siteWindowStart);
    }

    MonitoredDevice withTrend(TrendWindow window) {
        return new MonitoredDevice(site, intervalMs, lastEventTime, lastValue, lastHeardMs, dueAt, silent, inBreach, drifting,
                batteryLow, alertCount, outlierRun, baseline, window, siteWindowStart);
    }

    MonitoredDevice dueAt(long due) {
        return new MonitoredDevice(site, intervalMs, lastEventTime, lastValue, lastHeardMs, due, silent, inBreach, drifting,
                batteryLow, alertCount, outlierRun, baseline, trend, siteWindowStart);
    }
}
