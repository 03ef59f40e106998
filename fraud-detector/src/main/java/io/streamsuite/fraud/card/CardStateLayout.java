package io.streamsuite.fraud.card;

import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.fraud.scoring.RiskScore.RiskState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The stored bytes of a {@link CardState}: a leading layout byte, then fixed-width sightings and
 * varints. Layout 2 holds the sparse slots (the first start in full, then the gap to the previous
 * one, and each count); layout 1, written before the velocity window store was folded in, held the
 * newest slot and a dense array of counts {@code advance} apart, and is still read.
 */
final class CardStateLayout {

    static final byte V1_DENSE_SLOTS = 1;
    static final byte V2_SPARSE_SLOTS = 2;

    private CardStateLayout() {
    }

    static Serde<CardState> serde(long advance) {
        return Serdes.serdeFrom(
                (Serializer<CardState>) (topic, state) -> state == null ? null : toBytes(state),
                (Deserializer<CardState>) (topic, bytes) -> bytes == null ? null : fromBytes(bytes, advance));
    }

    static byte[] toBytes(CardState state) {
        List<Sighting> sightings = state.sightings();
        long[] starts = state.slotStarts();
        long[] counts = state.slotCounts();
        ByteBuffer buffer = ByteBuffer.allocate(1 + 5 + 24 * sightings.size() + 8 + 5 + 8 + 20 * starts.length + 13);
        buffer.put(V2_SPARSE_SLOTS);
        putVarint(buffer, sightings.size());
        for (Sighting s : sightings) {
            buffer.putDouble(s.latitude()).putDouble(s.longitude()).putLong(s.time());
        }
        buffer.putLong(state.pendingSmall());
        putVarint(buffer, starts.length);
        for (int i = 0; i < starts.length; i++) {
            if (i == 0) {
                buffer.putLong(starts[0]);
            } else {
                putVarint(buffer, starts[i] - starts[i - 1]);
            }
            putVarint(buffer, counts[i]);
        }
        putRisk(buffer, state.risk());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    static CardState fromBytes(byte[] bytes, long advance) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte layout = buffer.get();
            CardState state = switch (layout) {
                case V2_SPARSE_SLOTS -> readV2(buffer);
                case V1_DENSE_SLOTS -> readV1(buffer, advance);
                default -> throw new SerializationException("unknown layout " + layout);
            };
            if (buffer.hasRemaining()) {
                throw new SerializationException(buffer.remaining() + " bytes too many");
            }
            return state;
        } catch (RuntimeException e) {
            throw new SerializationException("Not a CardState: " + e.getMessage(), e);
        }
    }

    private static CardState readV2(ByteBuffer buffer) {
        List<Sighting> sightings = readSightings(buffer, (int) getVarint(buffer));
        long pendingSmall = buffer.getLong();
        int size = (int) getVarint(buffer);
        if (size < 0 || size > buffer.remaining()) {
            throw new SerializationException("slot count " + size + " beyond the bytes left");
        }
        long[] starts = new long[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            starts[i] = i == 0 ? buffer.getLong() : starts[i - 1] + getVarint(buffer);
            counts[i] = getVarint(buffer);
        }
        return new CardState(sightings, starts, counts, pendingSmall, getRisk(buffer));
    }

    /** Layout 1: int sighting count, sightings, newest slot, pending small, int slot count, dense varint counts. */
    private static CardState readV1(ByteBuffer buffer, long advance) {
        List<Sighting> sightings = readSightings(buffer, buffer.getInt());
        long latestSlot = buffer.getLong();
        long pendingSmall = buffer.getLong();
        int dense = buffer.getInt();
        if (dense < 0 || dense > buffer.remaining()) {
            throw new SerializationException("slot count " + dense + " beyond the bytes left");
        }
        long[] starts = new long[dense];
        long[] counts = new long[dense];
        int size = 0;
        for (int i = 0; i < dense; i++) {
            long count = getVarint(buffer);
            if (count > 0) {
                starts[size] = latestSlot - (long) (dense - 1 - i) * advance;
                counts[size++] = count;
            }
        }
        return new CardState(sightings, Arrays.copyOf(starts, size), Arrays.copyOf(counts, size), pendingSmall,
                getRisk(buffer));
    }

    private static List<Sighting> readSightings(ByteBuffer buffer, int count) {
        if (count < 0 || count * 24L > buffer.remaining()) {
            throw new SerializationException("sighting count " + count + " beyond the bytes left");
        }
        List<Sighting> sightings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sightings.add(new Sighting(buffer.getDouble(), buffer.getDouble(), buffer.getLong()));
        }
        return sightings;
    }

    private static void putRisk(ByteBuffer buffer, RiskState risk) {
        buffer.put((byte) (risk == null ? 0 : risk.blocked() ? 2 : 1));
        if (risk != null) {
            buffer.putInt(risk.lastScore()).putLong(risk.alertCount());
        }
    }

    private static RiskState getRisk(ByteBuffer buffer) {
        byte flag = buffer.get();
        return flag == 0 ? null : new RiskState(buffer.getInt(), buffer.getLong(), flag == 2);
    }

    /** Unsigned varint: most counts and slot gaps take one or two bytes. */
    static void putVarint(ByteBuffer buffer, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        buffer.put((byte) rest);
    }

    static long getVarint(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("varint longer than 64 bits");
    }
}
