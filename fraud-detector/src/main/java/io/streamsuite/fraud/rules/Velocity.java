package io.streamsuite.fraud.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * More than {@code threshold} transactions of one card within a hopping window ({@code window}
 * long, advancing by {@code advance}).
 *
 * <p>A card keeps one count per {@code advance}-long slot instead of one per hopping window (in its
 * card state, no store of its own): every hopping window's count is the sum of its slots.
 */
public final class Velocity {

    private final int threshold;
    private final long window;
    private final long advance;
    private final long grace;
    private final long retention;
    private final int slotsPerWindow;

    public Velocity(int threshold, Duration window, Duration advance, Duration grace, Duration retention) {
        if (threshold < 1) {
            throw new IllegalArgumentException("fraud.velocity.threshold must be at least 1");
        }
        if (advance.isZero() || advance.isNegative() || window.toMillis() % advance.toMillis() != 0) {
            throw new IllegalArgumentException("fraud.velocity.window must be a positive multiple of fraud.velocity.advance");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("fraud.velocity.grace must not be negative");
        }
        this.threshold = threshold;
        this.window = window.toMillis();
        this.advance = advance.toMillis();
        this.grace = grace.toMillis();
        this.slotsPerWindow = (int) (this.window / this.advance);
        // A card keeps every slot a record within the grace period can still read: a record is not late while its
        // slot is after (stream time - grace - window), and it reads from a window before its slot.
        this.retention = Math.max(retention.toMillis(), 2 * this.window + this.grace);
    }

    /** Start of the slot (and of the latest hopping window) the event time falls into. */
    public long slotOf(long eventTime) {
        return eventTime - Math.floorMod(eventTime, advance);
    }

    /** First slot whose count a record at this time needs: the start of its earliest window. */
    public long firstSlotToRead(long eventTime) {
        return slotOf(eventTime) - (window - advance);
    }

    /** Last slot whose count a record at this time needs: the end of its latest window, for out-of-order input. */
    public long lastSlotToRead(long eventTime) {
        return slotOf(eventTime) + (window - advance);
    }

    /** Slots between {@link #firstSlotToRead} and {@link #lastSlotToRead}, both included. */
    public int slotsToRead() {
        return 2 * slotsPerWindow - 1;
    }

    /**
     * True when every window holding this event time has closed: its end plus the grace period is
     * not after the stream time. Such a record no longer counts, but it is still scored.
     */
    public boolean isLate(long eventTime, long streamTime) {
        return slotOf(eventTime) + window <= streamTime - grace;
    }

    /**
     * The largest count among the windows holding the record, given the counts of the slots from
     * {@link #firstSlotToRead} on (index 0), the record's own slot already included.
     */
    public long maxWindowCount(long[] slotCounts) {
        long running = 0;
        for (int i = 0; i < slotsPerWindow; i++) {
            running += slotCounts[i];
        }
        long max = running;
        for (int start = 1; start < slotsPerWindow; start++) {
            running += slotCounts[start + slotsPerWindow - 1] - slotCounts[start - 1];
            max = Math.max(max, running);
        }
        return max;
    }

    public boolean exceeded(long windowCount) {
        return windowCount > threshold;
    }

    /**
     * The hopping windows starting between {@code from} and {@code to} with at least one
     * transaction, from the card's slot counts (slot start to count) covering them.
     */
    public List<WindowCount> windows(long from, long to, NavigableMap<Long, Long> slotCounts) {
        List<WindowCount> windows = new ArrayList<>();
        long firstStart = slotOf(from) == from ? from : slotOf(from) + advance;
        for (long start = firstStart; start <= to; start += advance) {
            long count = slotCounts.subMap(start, true, start + window, false).values().stream()
                    .mapToLong(Long::longValue).sum();
            if (count > 0) {
                windows.add(new WindowCount(start, start + window, count));
            }
        }
        return windows;
    }

    public long window() {
        return window;
    }

    public long advance() {
        return advance;
    }

    public long retention() {
        return retention;
    }

    /** One hopping window of a card: [start, end) in epoch millis and its transaction count. */
    public record WindowCount(long start, long end, long count) {
    }
}
