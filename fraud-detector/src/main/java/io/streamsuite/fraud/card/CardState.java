package io.streamsuite.fraud.card;

import com.fasterxml.jackson.annotation.JsonValue;
import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.fraud.scoring.RiskScore.RiskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything the card stage keeps of a card between transactions, in one store value so a transaction
 * costs one read and one changelog write: the latest sightings (oldest first, for impossible travel
 * against the event-time neighbours), the card's velocity slot counts, the time of the pending small
 * payment (small-then-large) or {@link #NO_SMALL}, and its risk.
 *
 * <p>The slots are sparse ({@code slotStarts[i]} holds {@code slotCounts[i]} transactions, ascending,
 * only non-empty ones) and reach {@code kept} back from the card's newest slot: enough for every
 * window a record within the grace period can touch and for the REST view's retention, so no other
 * store is written per transaction. Over REST only the slot counts show ({@link #view()}): the
 * sightings are where the card was used.
 */
public record CardState(List<Sighting> sightings, long[] slotStarts, long[] slotCounts, long pendingSmall, RiskState risk) {

    public static final long NO_SMALL = Long.MIN_VALUE;
    /** Field names of {@link #view()}. */
    public static final String VIEW_SLOTS = "velocitySlots";
    public static final String VIEW_SLOT_START = "start";
    public static final String VIEW_SLOT_COUNT = "count";
    private static final long[] NONE = new long[0];

    public CardState {
        sightings = List.copyOf(sightings);
        if (slotStarts.length != slotCounts.length) {
            throw new IllegalArgumentException("one count per slot");
        }
    }

    /** A card's first transaction: nothing counted, nothing seen yet. */
    public static CardState first() {
        return new CardState(List.of(), NONE, NONE, NO_SMALL, null);
    }

    /** The store's serde; {@code advance} reads back the first layout, whose slots were a dense array. */
    public static Serde<CardState> serde(Duration advance) {
        return CardStateLayout.serde(advance.toMillis());
    }

    /** The newest event time seen of this card, or {@link Long#MIN_VALUE} before its first sighting. */
    public long lastSeen() {
        return sightings.isEmpty() ? Long.MIN_VALUE : sightings.get(sightings.size() - 1).time();
    }

    /** Start of the newest slot counted, or {@link Long#MIN_VALUE} before the first count. */
    public long newestSlot() {
        return slotStarts.length == 0 ? Long.MIN_VALUE : slotStarts[slotStarts.length - 1];
    }

    /** The count of one slot; 0 when none was counted or it is older than the slots kept. */
    public long count(long slot) {
        int at = Arrays.binarySearch(slotStarts, slot);
        return at >= 0 ? slotCounts[at] : 0;
    }

    /** Adds the counts of the slots from {@code first} on, {@code advance} apart, into {@code into} (index 0 = first). */
    public void countsFrom(long first, long advance, long[] into) {
        long last = first + (into.length - 1) * advance;
        int at = Arrays.binarySearch(slotStarts, first);
        for (int i = at >= 0 ? at : -at - 1; i < slotStarts.length && slotStarts[i] <= last; i++) {
            long offset = slotStarts[i] - first;
            if (offset % advance == 0) {
                into[(int) (offset / advance)] += slotCounts[i];
            }
        }
    }

    /** The slots from {@code from} to {@code to} (both included), slot start to count. */
    public NavigableMap<Long, Long> slots(long from, long to) {
        NavigableMap<Long, Long> slots = new TreeMap<>();
        for (int i = 0; i < slotStarts.length; i++) {
            if (slotStarts[i] >= from && slotStarts[i] <= to) {
                slots.put(slotStarts[i], slotCounts[i]);
            }
        }
        return slots;
    }

    /**
     * With {@code slot}'s count set, keeping only the slots within {@code kept} of the newest one
     * (this one included); a slot older than that is not kept at all.
     */
    public CardState withCount(long slot, long count, long kept) {
        long oldestKept = Math.max(slot, newestSlot()) - kept;
        long[] starts = new long[slotStarts.length + 1];
        long[] counts = new long[slotStarts.length + 1];
        int size = 0;
        boolean placed = slot < oldestKept;
        for (int i = 0; i < slotStarts.length; i++) {
            long start = slotStarts[i];
            if (start < oldestKept) {
                continue;
            }
            if (!placed && start >= slot) {
                starts[size] = slot;
                counts[size++] = count;
                placed = true;
                if (start == slot) {
                    continue;
                }
            }
            starts[size] = start;
            counts[size++] = slotCounts[i];
        }
        if (!placed) {
            starts[size] = slot;
            counts[size++] = count;
        }
        return new CardState(sightings, Arrays.copyOf(starts, size), Arrays.copyOf(counts, size), pendingSmall, risk);
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
        return new CardState(newest, slotStarts, slotCounts, pendingSmall, risk);
    }

    public CardState withPendingSmall(long time) {
        return new CardState(sightings, slotStarts, slotCounts, time, risk);
    }

    public CardState withRisk(RiskState next) {
        return new CardState(sightings, slotStarts, slotCounts, pendingSmall, next);
    }

    /** What the store query API shows of a card: its velocity slots only (start instant and count). */
    @JsonValue
    public Map<String, Object> view() {
        List<Map<String, Object>> slots = new ArrayList<>(slotStarts.length);
        for (int i = 0; i < slotStarts.length; i++) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put(VIEW_SLOT_START, Instant.ofEpochMilli(slotStarts[i]).toString());
            slot.put(VIEW_SLOT_COUNT, slotCounts[i]);
            slots.add(slot);
        }
        return Map.of(VIEW_SLOTS, slots);
    }

}
