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
 * Everything the card stage keeps of a card between transactions, in one store value so a transaction
 * costs one read and one changelog write: the latest sightings (oldest first, for impossible travel
 * against the event-time neighbours), the velocity counts of the most recent slots, and the time of
 * the pending small payment (small-then-large), or {@link #NO_SMALL}.
 *
 * <p>{@code counts[i]} is the count of slot {@code latestSlot - (counts.length - 1 - i) * advance};
 * slots after {@code latestSlot} are empty. Older slots live only in the velocity window store, which
 * stays for the REST view and for the rare record older than the slots held here.
 */
public record CardState(List<Sighting> sightings, long latestSlot, long[] counts, long pendingSmall, RiskState risk) {

    public static final long NO_SMALL = Long.MIN_VALUE;
    /** Leading byte of the stored layout, so a later layout can be told apart. */
    private static final byte LAYOUT_V1 = 1;

    public static final Serde<CardState> SERDE = Serdes.serdeFrom(
            (Serializer<CardState>) (topic, state) -> state == null ? null : state.toBytes(),
            (Deserializer<CardState>) (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    public CardState {
        sightings = List.copyOf(sightings);
    }

    /** A card's first transaction: nothing counted, nothing seen yet. */
    public static CardState first(int slots, long slot) {
        return new CardState(List.of(), slot, new long[slots], NO_SMALL, null);
    }

    /** The newest event time seen of this card, or {@link Long#MIN_VALUE} before its first sighting. */
    public long lastSeen() {
        return sightings.isEmpty() ? Long.MIN_VALUE : sightings.get(sightings.size() - 1).time();
    }

    /** True when every slot from {@code firstSlot} on is held here (those after {@code latestSlot} are empty). */
    public boolean covers(long firstSlot, long advance) {
        return firstSlot >= oldestSlot(advance);
    }

    /** The count of one slot this state {@link #covers}. */
    public long count(long slot, long advance) {
        if (slot > latestSlot) {
            return 0;
        }
        return counts[(int) ((slot - oldestSlot(advance)) / advance)];
    }

    /** With {@code slot}'s count set, the window moved forward when the slot is newer; older slots are not kept. */
    public CardState withCount(long slot, long count, long advance) {
        long[] next = counts.clone();
        long newest = latestSlot;
        if (slot > latestSlot) {
            int shift = (int) Math.min(next.length, (slot - latestSlot) / advance);
            System.arraycopy(next, shift, next, 0, next.length - shift);
            Arrays.fill(next, next.length - shift, next.length, 0);
            newest = slot;
        }
        long oldest = newest - (long) (next.length - 1) * advance;
        if (slot >= oldest) {
            next[(int) ((slot - oldest) / advance)] = count;
        }
        return new CardState(sightings, newest, next, pendingSmall, risk);
    }

    /** With this sighting placed by its time among the others, keeping the {@code kept} newest. */
    public CardState withSighting(Sighting sighting, int kept) {
        List<Sighting> next = new ArrayList<>(sightings.size() + 1);
        int at = 0;
        while (at < sightings.size() && sightings.get(at).time() <= sighting.time()) {
            next.add(sightings.get(at++));
        }
        next.add(sighting);
        next.addAll(sightings.subList(at, sightings.size()));
        List<Sighting> newest = next.size() > kept ? next.subList(next.size() - kept, next.size()) : next;
        return new CardState(newest, latestSlot, counts, pendingSmall, risk);
    }

    public CardState withPendingSmall(long time) {
        return new CardState(sightings, latestSlot, counts, time, risk);
    }

    public CardState withRisk(RiskState next) {
        return new CardState(sightings, latestSlot, counts, pendingSmall, next);
    }

    private long oldestSlot(long advance) {
        return latestSlot - (long) (counts.length - 1) * advance;
    }

    /** Counts as unsigned varints: most slots are empty, so most take one byte. */
    private byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + 24 * sightings.size() + 8 + 8 + 4 + 10 * counts.length + 14);
        buffer.put(LAYOUT_V1).putInt(sightings.size());
        for (Sighting s : sightings) {
            buffer.putDouble(s.latitude()).putDouble(s.longitude()).putLong(s.time());
        }
        buffer.putLong(latestSlot).putLong(pendingSmall).putInt(counts.length);
        for (long count : counts) {
            putVarint(buffer, count);
        }
        buffer.put((byte) (risk == null ? 0 : risk.blocked() ? 2 : 1));
        if (risk != null) {
            buffer.putInt(risk.lastScore()).putLong(risk.alertCount());
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static CardState fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte layout = buffer.get();
            if (layout != LAYOUT_V1) {
                throw new SerializationException("unknown layout " + layout);
            }
            int sightingCount = buffer.getInt();
            List<Sighting> sightings = new ArrayList<>(sightingCount);
            for (int i = 0; i < sightingCount; i++) {
                sightings.add(new Sighting(buffer.getDouble(), buffer.getDouble(), buffer.getLong()));
            }
            long latestSlot = buffer.getLong();
            long pendingSmall = buffer.getLong();
            long[] counts = new long[buffer.getInt()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = getVarint(buffer);
            }
            byte riskFlag = buffer.get();
            RiskState risk = riskFlag == 0 ? null : new RiskState(buffer.getInt(), buffer.getLong(), riskFlag == 2);
            if (buffer.hasRemaining()) {
                throw new SerializationException(buffer.remaining() + " bytes too many");
            }
            return new CardState(sightings, latestSlot, counts, pendingSmall, risk);
        } catch (RuntimeException e) {
            throw new SerializationException("Not a CardState: " + e.getMessage(), e);
        }
    }

    private static void putVarint(ByteBuffer buffer, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        buffer.put((byte) rest);
    }

    private static long getVarint(ByteBuffer buffer) {
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
