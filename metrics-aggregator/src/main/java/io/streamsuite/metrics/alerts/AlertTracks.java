package io.streamsuite.metrics.alerts;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Both alert tracks of one page, as kept in the alert-state store (internal, compact encoding). */
public record AlertTracks(AlertTrack latency, AlertTrack errors) {

    public static final AlertTracks NEW = new AlertTracks(AlertTrack.NEW, AlertTrack.NEW);

    private static final int TRACK_BYTES = 4 + 1 + 8;

    public static final Serde<AlertTracks> SERDE = Serdes.serdeFrom(
            (topic, state) -> {
                if (state == null) {
                    return null;
                }
                ByteBuffer buffer = ByteBuffer.allocate(2 * TRACK_BYTES);
                put(buffer, state.latency);
                put(buffer, state.errors);
                return buffer.array();
            },
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                if (bytes.length != 2 * TRACK_BYTES) {
                    throw new SerializationException("alert state is " + 2 * TRACK_BYTES + " bytes, got " + bytes.length);
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new AlertTracks(get(buffer), get(buffer));
            });

    private static void put(ByteBuffer buffer, AlertTrack track) {
        buffer.putInt(track.badInARow()).put((byte) (track.firing() ? 1 : 0)).putLong(track.lastWindowStart());
    }

    private static AlertTrack get(ByteBuffer buffer) {
        return new AlertTrack(buffer.getInt(), buffer.get() == 1, buffer.getLong());
    }
}
