package io.streamsuite.iot.device;

import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.kit.stats.StatsSerde;
import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.schemas.iot.DeviceState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything the service remembers of one device, in one store value, read and written once per
 * reading: where it is and how often it should report, what it last said, the condition flags whose
 * changes are alerts, the spike baseline and the drift window.
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

    public static final Serde<MonitoredDevice> SERDE = StatsSerde.of("MonitoredDevice", MonitoredDevice::byteSize,
            MonitoredDevice::writeTo, MonitoredDevice::readFrom);

    private static final int SILENT = 1;
    private static final int IN_BREACH = 2;
    private static final int DRIFTING = 4;
    private static final int BATTERY_LOW = 8;

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

    MonitoredDevice dueAt(long due) {
        return new MonitoredDevice(site, intervalMs, lastEventTime, lastValue, lastHeardMs, due, silent, inBreach, drifting,
                batteryLow, alertCount, outlierRun, baseline, trend, siteWindowStart);
    }

    private int byteSize() {
        return 4 + site.getBytes(StandardCharsets.UTF_8).length + 8 * 5 + 8 + 1 + 8 + 4 + Ewma.BYTES + trend.byteSize();
    }

    private void writeTo(ByteBuffer out) {
        byte[] siteBytes = site.getBytes(StandardCharsets.UTF_8);
        out.putInt(siteBytes.length).put(siteBytes);
        out.putLong(intervalMs).putLong(lastEventTime).putDouble(lastValue).putLong(lastHeardMs).putLong(dueAt);
        out.putLong(alertCount);
        out.put((byte) ((silent ? SILENT : 0) | (inBreach ? IN_BREACH : 0) | (drifting ? DRIFTING : 0)
                | (batteryLow ? BATTERY_LOW : 0)));
        out.putLong(siteWindowStart).putInt(outlierRun);
        baseline.writeTo(out);
        trend.writeTo(out);
    }

    private static MonitoredDevice readFrom(ByteBuffer in) {
        byte[] siteBytes = new byte[in.getInt()];
        in.get(siteBytes);
        long intervalMs = in.getLong();
        long lastEventTime = in.getLong();
        double lastValue = in.getDouble();
        long lastHeardMs = in.getLong();
        long dueAt = in.getLong();
        long alertCount = in.getLong();
        int flags = in.get();
        long siteWindowStart = in.getLong();
        int outlierRun = in.getInt();
        Ewma baseline = Ewma.readFrom(in);
        TrendWindow trend = TrendWindow.readFrom(in);
        return new MonitoredDevice(new String(siteBytes, StandardCharsets.UTF_8), intervalMs, lastEventTime, lastValue,
                lastHeardMs, dueAt, (flags & SILENT) != 0, (flags & IN_BREACH) != 0, (flags & DRIFTING) != 0,
                (flags & BATTERY_LOW) != 0, alertCount, outlierRun, baseline, trend, siteWindowStart);
    }
}
