package io.streamsuite.iot.device;

import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.state.LiveValues;
import io.streamsuite.kit.stats.TrendChunks;
import io.streamsuite.kit.stats.TrendWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The device stage's memory of each device: decoded in memory ({@link LiveValues}, the most recently seen
 * {@code inMemory} devices of the task), written back to the devices store once per commit through the
 * commit hook, in the transaction of the readings that changed it. The devices store holds each device with
 * its drift window's head ({@link StoredDevice}); the window's complete chunks go to the trend-chunks store
 * as they fill, one write per {@link StoredDevice#CHUNKS chunk} of readings. A reading then costs a lookup in
 * memory and a value of about 170 bytes at the commit, not a read, decode and write of the whole window.
 *
 * <p>Memory holds a device exactly as a read back from the stores gives it ({@link MonitoredDevice#asStored}),
 * so a task that restarts from its stores decides every later reading as the one that never stopped.
 */
final class DeviceStates {

    private static final TrendChunks CHUNKS = StoredDevice.CHUNKS;

    private final int inMemory;
    private KeyValueStore<String, StoredDevice> devices;
    private KeyValueStore<Bytes, byte[]> chunks;
    private LiveValues<String, MonitoredDevice> live;

    DeviceStates(int inMemory) {
        this.inMemory = inMemory;
    }

    void init(ProcessorContext<?, ?> context, String devicesStore, String chunksStore, String commitHook, Object owner) {
        devices = context.getStateStore(devicesStore);
        chunks = context.getStateStore(chunksStore);
        live = new LiveValues<>(inMemory, this::load, (deviceId, device) -> devices.put(deviceId, StoredDevice.of(device)));
        CommitHook.of(context, commitHook).beforeCommit(owner, live::writeChanged);
    }

    /** The device as last put; null before its first reading. */
    MonitoredDevice get(String deviceId) {
        return live.get(deviceId);
    }

    /** The device's next state, {@code previous} its state before (null for its first reading). */
    void put(String deviceId, MonitoredDevice previous, MonitoredDevice next) {
        TrendWindow trend = next.trend();
        long before = previous == null ? 0 : previous.trend().added();
        if (CHUNKS.completes(before, trend)) {
            writeChunk(deviceId, trend, CHUNKS.lastChunk(trend.added()));
        }
        live.put(deviceId, next.asStored());
    }

    /** Every stored device without its drift window (for what is derived from the rest: the statuses). */
    void forEachStored(BiConsumer<String, MonitoredDevice> action) {
        try (KeyValueIterator<String, StoredDevice> all = devices.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoredDevice> entry = all.next();
                action.accept(entry.key, entry.value.device());
            }
        }
    }

    private MonitoredDevice load(String deviceId) {
        StoredDevice stored = devices.get(deviceId);
        if (stored == null) {
            return null;
        }
        if (stored.wholeTrend()) {
            // The earlier layout: its window's chunks are written now, before a head that names them can be.
            TrendWindow trend = stored.device().trend();
            for (long chunk = CHUNKS.firstChunk(trend.added(), trend.size()); chunk <= CHUNKS.lastChunk(trend.added()); chunk++) {
                writeChunk(deviceId, trend, chunk);
            }
            return stored.device();
        }
        int capacity = stored.trendHead().capacity();
        TrendWindow trend = CHUNKS.assemble(stored.trendHead(), chunk -> chunks.get(chunkKey(deviceId, capacity, chunk)));
        return stored.device().withTrend(trend);
    }

    private void writeChunk(String deviceId, TrendWindow trend, long chunk) {
        chunks.put(chunkKey(deviceId, trend.capacity(), chunk), CHUNKS.chunk(trend, chunk));
    }

    /** The device id's bytes, then the chunk's slot (two bytes): a fixed-length suffix, so no two devices' keys meet. */
    private static Bytes chunkKey(String deviceId, int capacity, long chunk) {
        byte[] id = deviceId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + Short.BYTES).put(id).putShort((short) CHUNKS.slot(capacity, chunk)).array());
    }
}
