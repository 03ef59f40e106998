package io.streamsuite.fraud.card;

import static io.streamsuite.fraud.SortableKeys.zeroPadded;

import java.time.Duration;

/**
 * When a card is forgotten: once stream time is {@code idleAfter} past the card's newest event time.
 * An index keyed by (bucket of the last-seen time, token) lets a punctuator visit only the cards that
 * may be due. A card's entry is rewritten only when its last-seen time enters a new bucket, so the
 * index costs at most one write per card per bucket, not one per transaction.
 *
 * <p>A visit forgets at most {@code forgetPerVisit} cards, so a jump in stream time (a partition idle
 * for a month, a replay catching up) does not stall the stream thread while it deletes thousands of
 * cards in one punctuation; the rest go in later visits, one per {@link #BACKLOG_INTERVAL} of wall-clock
 * time until none is due.
 */
public final class IdleCards {

    /** Buckets per idle period: the smaller a bucket, the sooner after due a card goes, the more index writes. */
    private static final int BUCKETS_PER_IDLE_PERIOD = 16;
    /** Cards forgotten per visit by default: a few tens of milliseconds of deletes on a small machine. */
    public static final int DEFAULT_FORGET_PER_VISIT = 500;
    /** Wall-clock time between visits while due cards are left over from the last one. */
    public static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(1);

    private final long idleAfterMs;
    private final long bucketMs;
    private final int forgetPerVisit;

    public IdleCards(Duration idleAfter) {
        this(idleAfter, DEFAULT_FORGET_PER_VISIT);
    }

    public IdleCards(Duration idleAfter, int forgetPerVisit) {
        if (idleAfter == null || idleAfter.toMillis() < BUCKETS_PER_IDLE_PERIOD) {
            throw new IllegalArgumentException("fraud.cards.idle-after must be positive (at least "
                    + BUCKETS_PER_IDLE_PERIOD + " ms)");
        }
        if (forgetPerVisit < 1) {
            throw new IllegalArgumentException("fraud.cards.forget-per-visit must be at least 1");
        }
        this.idleAfterMs = idleAfter.toMillis();
        this.bucketMs = idleAfterMs / BUCKETS_PER_IDLE_PERIOD;
        this.forgetPerVisit = forgetPerVisit;
    }

    /** The most index entries one visit handles; more left over are handled in the next visit. */
    public int forgetPerVisit() {
        return forgetPerVisit;
    }

    public boolean isIdle(long lastSeen, long streamTime) {
        return streamTime - lastSeen >= idleAfterMs;
    }

    /** Whether a card last seen at {@code before} and now at {@code after} needs a new index entry. */
    public boolean movesBucket(long before, long after) {
        return before == Long.MIN_VALUE || bucket(before) != bucket(after);
    }

    /** The index key of a card last seen at this time; keys sort by time (event times are not negative). */
    public String indexKey(long lastSeen, String token) {
        return zeroPadded(bucket(lastSeen)) + '|' + token;
    }

    /** Index keys below this one belong to buckets whose every card is idle at this stream time. */
    public String firstKeyNotDue(long streamTime) {
        long cutoff = streamTime - idleAfterMs;
        return zeroPadded(Math.max(0, Math.floorDiv(cutoff, bucketMs))) + '|';
    }

    public static String tokenOf(String indexKey) {
        return indexKey.substring(indexKey.indexOf('|') + 1);
    }

    /** How often the punctuator looks for idle cards, in stream time. */
    public Duration sweepInterval() {
        return Duration.ofMillis(bucketMs);
    }

    private long bucket(long time) {
        return Math.floorDiv(time, bucketMs);
    }
}
