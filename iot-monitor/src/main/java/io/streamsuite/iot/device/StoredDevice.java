package io.streamsuite.iot.device;

import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.kit.stats.StatsSerde;
import io.streamsuite.kit.stats.TrendChunks;
import io.streamsuite.kit.stats.TrendWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;

/**
 * A device as the devices store holds it: its {@link MonitoredDevice} with the drift window reduced to its head
 * ({@link TrendChunks}): the points after its last complete chunk. The older points are in the trend-chunks
 * store, each chunk written once, so the value rewritten with every reading is about 170 bytes instead of about
 * 1 KB (the whole 120-point window).
 *
 * <p>Written from a whole device ({@link #of}); read back, {@code device.trend()} is null and {@code trendHead}
 * names the chunks to read. A value of the earlier layout (the whole window in the value) reads back with
 * {@code device.trend()} set and {@code trendHead} null; its chunks are written when it is loaded.
 *
 * @param device    the device (read back: without its trend unless the value had the earlier layout)
 * @param trendHead the drift window's head (read back); null when writing, or for the earlier layout
 */
public record StoredDevice(MonitoredDevice device, TrendChunks.Head trendHead) {

    /** Points per trend chunk: a chunk write every 8 readings, at most 7 points (84 bytes) in the value. */
    public static final TrendChunks CHUNKS = new TrendChunks(8);

    public static final Serde<StoredDevice> SERDE = StatsSerde.of("StoredDevice", StoredDevice::byteSize,
            StoredDevice::writeTo, StoredDevice::readFrom);

    /** First byte of this layout; the earlier one starts with the site's length (an int under 2^24: byte 0). */
    private static final byte CHUNKED = 2;

    private static final int SILENT = 1;
    private static final int IN_BREACH = 2;
    private static final int DRIFTING = 4;
    private static final int BATTERY_LOW = 8;

    public static StoredDevice of(MonitoredDevice device) {
        return new StoredDevice(device, null);
    }

    /** True when the value came in the earlier layout: the device carries its whole trend, no chunk was written. */
    public boolean wholeTrend() {
        return trendHead == null;
    }

    private int byteSize() {
        return 1 + headerSize(device) + CHUNKS.headBytes(device.trend());
    }

    private void writeTo(ByteBuffer out) {
        out.put(CHUNKED);
        writeHeader(device, out);
        CHUNKS.writeHead(device.trend(), out);
    }

    private static StoredDevice readFrom(ByteBuffer in) {
        if (in.get(in.position()) != CHUNKED) {
            return new StoredDevice(readHeader(in, true), null);
        }
        in.get();
        MonitoredDevice device = readHeader(in, false);
        return new StoredDevice(device, CHUNKS.readHead(in));
    }

    private static int headerSize(MonitoredDevice device) {
        return 4 + device.site().getBytes(StandardCharsets.UTF_8).length + 8 * 5 + 8 + 1 + 8 + 4 + Ewma.BYTES;
    }

    private static void writeHeader(MonitoredDevice device, ByteBuffer out) {
        byte[] siteBytes = device.site().getBytes(StandardCharsets.UTF_8);
        out.putInt(siteBytes.length).put(siteBytes);
        out.putLong(device.intervalMs()).putLong(device.lastEventTime()).putDouble(device.lastValue())
                .putLong(device.lastHeardMs()).putLong(device.dueAt());
        out.putLong(device.alertCount());
        out.put((byte) ((device.silent() ? SILENT : 0) | (device.inBreach() ? IN_BREACH : 0)
                | (device.drifting() ? DRIFTING : 0) | (device.batteryLow() ? BATTERY_LOW : 0)));
        out.putLong(device.siteWindowStart()).putInt(device.outlierRun());
        device.baseline().writeTo(out);
    }

    /** The fields both layouts share, in their order; the earlier layout's whole trend follows them. */
    private static MonitoredDevice readHeader(ByteBuffer in, boolean wholeTrend) {
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
        TrendWindow trend = wholeTrend ? TrendWindow.readFrom(in) : null;
        return new MonitoredDevice(new String(siteBytes, StandardCharsets.UTF_8), intervalMs, lastEventTime, lastValue,
                lastHeardMs, dueAt, (flags & SILENT) != 0, (flags & IN_BREACH) != 0, (flags & DRIFTING) != 0,
                (flags & BATTERY_LOW) != 0, alertCount, outlierRun, baseline, trend, siteWindowStart);
    }

    /** The earlier layout (the whole window in the value), as values written before the chunks were. */
    static byte[] earlierLayout(MonitoredDevice device) {
        ByteBuffer out = ByteBuffer.allocate(headerSize(device) + device.trend().byteSize());
        writeHeader(device, out);
        device.trend().writeTo(out);
        return out.array();
    }
}
