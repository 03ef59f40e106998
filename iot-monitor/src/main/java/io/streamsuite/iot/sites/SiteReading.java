package io.streamsuite.iot.sites;

import java.nio.ByteBuffer;

/**
 * One reading on its way to its site window (keyed by {@link SiteKeys}). {@code newDevice} is true
 * for a device's first reading in the window: the device stage knows it from the device's own state,
 * so the window counts devices reporting exactly without keeping their ids.
 */
public record SiteReading(double value, boolean newDevice) implements SiteEvent {

    static final int BYTES = Double.BYTES + 1;

    void writeTo(ByteBuffer out) {
        out.putDouble(value).put((byte) (newDevice ? 1 : 0));
    }

    static SiteReading readFrom(ByteBuffer in) {
        return new SiteReading(in.getDouble(), in.get() != 0);
    }
}
