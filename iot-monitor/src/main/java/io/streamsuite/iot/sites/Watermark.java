package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * How far one partition of the readings has got: its device task's stream time, which no reading it sends on
 * later is more than the grace behind (the task's late gate sees to that). {@code idle}: the task has had no
 * reading for a while, so the site windows need not wait for it.
 *
 * @param source partition of the readings (= the device task's partition)
 * @param time   the task's stream time; {@link #NONE} before its first reading
 */
public record Watermark(int source, long time, boolean idle) implements SiteEvent {

    public static final long NONE = Long.MIN_VALUE;
    /** The key watermarks travel under (the partitioner copies them to every partition whatever the key). */
    public static final String KEY = "#watermark";
    /** A marker byte first, so the layout's length differs from a reading's. */
    static final int BYTES = 1 + Integer.BYTES + Long.BYTES + 1;
    private static final byte MARKER = 'W';

    public static final Serde<Watermark> SERDE = StatsSerde.of("Watermark", w -> BYTES, Watermark::writeTo, Watermark::readFrom);

    void writeTo(ByteBuffer out) {
        out.put(MARKER).putInt(source).putLong(time).put((byte) (idle ? 1 : 0));
    }

    static Watermark readFrom(ByteBuffer in) {
        byte marker = in.get();
        if (marker != MARKER) {
            throw new IllegalArgumentException("no watermark marker");
        }
        return new Watermark(in.getInt(), in.getLong(), in.get() != 0);
    }
}
