package io.streamsuite.iot.sites;

import java.nio.ByteBuffer;

/**
 * One device task's readings of one site window since it last sent them on: their summary and the devices
 * reporting for the first time in the window (each device lives on one partition, so parts add up exactly).
 * Sent with the event time of its newest reading, so it lands in its window.
 */
public record SitePartial(SiteAggregate aggregate) implements SiteEvent {

    private static final byte MARKER = 'P';
    static final int BYTES = 1 + SiteAggregate.BYTES;

    void writeTo(ByteBuffer out) {
        out.put(MARKER);
        aggregate.writeTo(out);
    }

    static SitePartial readFrom(ByteBuffer in) {
        if (in.get() != MARKER) {
            throw new IllegalArgumentException("no partial marker");
        }
        return new SitePartial(SiteAggregate.readFrom(in));
    }
}
