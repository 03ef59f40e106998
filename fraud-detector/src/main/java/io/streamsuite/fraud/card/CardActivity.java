package io.streamsuite.fraud.card;

import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the card stage reads of a card on every transaction, in one store value: its latest sighting
 * (impossible travel) and the velocity counts of its most recent slots, so a transaction needs no
 * range scan of the velocity window store (which stays, for the REST view and for the rare record
 * older than the slots held here). {@code counts[i]} is the count of slot
 * {@code latestSlot - (counts.length - 1 - i) * advance}; slots after {@code latestSlot} are empty.
 */
public record CardActivity(Sighting last, long latestSlot, long[] counts) {

    public static final Serde<CardActivity> SERDE = Serdes.serdeFrom(
            (Serializer<CardActivity>) (topic, activity) -> activity == null ? null : activity.toBytes(),
            (Deserializer<CardActivity>) (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    /** A card's first transaction: nothing counted yet. */
    public static CardActivity first(Sighting sighting, int slots, long slot) {
        return new CardActivity(sighting, slot, new long[slots]);
    }

    /** True when every slot from {@code firstSlot} on is held here (those after {@code latestSlot} are empty). */
    public boolean covers(long firstSlot, long advance) {
        return firstSlot >= oldestSlot(advance);
    }

    /** The count of one slot this activity {@link #covers}. */
    public long count(long slot, long advance) {
        if (slot > latestSlot) {
            return 0;
        }
        return counts[(int) ((slot - oldestSlot(advance)) / advance)];
    }

    /** With {@code slot}'s count set, the window moved forward when the slot is newer; older slots are not kept. */
    public CardActivity withCount(long slot, long count, long advance, Sighting latest) {
        long[] next = counts.clone();
        long newest = latestSlot;
        if (slot > latestSlot) {
            int shift = (int) Math.min(next.length, (slot - latestSlot) / advance);
            System.arraycopy(next, shift, next, 0, next.length - shift);
            java.util.Arrays.fill(next, next.length - shift, next.length, 0);
            newest = slot;
        }
        long oldest = newest - (long) (next.length - 1) * advance;
        if (slot >= oldest) {
            next[(int) ((slot - oldest) / advance)] = count;
        }
        return new CardActivity(latest, newest, next);
    }

    private long oldestSlot(long advance) {
        return latestSlot - (long) (counts.length - 1) * advance;
    }

    private byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(24 + 8 + 1 + 8 * counts.length);
        buffer.putDouble(last.latitude()).putDouble(last.longitude()).putLong(last.time());
        buffer.putLong(latestSlot).put((byte) counts.length);
        for (long count : counts) {
            buffer.putLong(count);
        }
        return buffer.array();
    }

    private static CardActivity fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            Sighting last = new Sighting(buffer.getDouble(), buffer.getDouble(), buffer.getLong());
            long latestSlot = buffer.getLong();
            long[] counts = new long[Byte.toUnsignedInt(buffer.get())];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buffer.getLong();
            }
            if (buffer.hasRemaining()) {
                throw new SerializationException(buffer.remaining() + " bytes too many");
            }
            return new CardActivity(last, latestSlot, counts);
        } catch (RuntimeException e) {
            throw new SerializationException("Not a CardActivity: " + e.getMessage(), e);
        }
    }
}
