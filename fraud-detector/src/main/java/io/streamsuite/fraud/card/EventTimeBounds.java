package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The event times a transaction may carry: not negative, and at most {@code maxAhead} past the wall
 * clock. A transaction outside them must not move stream time (one far-future record would make every
 * later one of its partition late), so the {@link #extractor} gives it a time that moves nothing and
 * the card stage, seeing that its timestamp is not its event time, turns it into a dead letter.
 */
public final class EventTimeBounds {

    private final long maxAheadMs;
    private final Duration maxAhead;
    private final LongSupplier wallClock;

    public EventTimeBounds(Duration maxAhead) {
        this(maxAhead, System::currentTimeMillis);
    }

    EventTimeBounds(Duration maxAhead, LongSupplier wallClock) {
        if (maxAhead == null || maxAhead.isNegative()) {
            throw new IllegalArgumentException("fraud.event-time.max-ahead must not be negative");
        }
        this.maxAhead = maxAhead;
        this.maxAheadMs = maxAhead.toMillis();
        this.wallClock = wallClock;
    }

    public boolean accepts(long eventTime, long now) {
        return eventTime >= 0 && eventTime - maxAheadMs <= now;
    }

    /**
     * Transactions by their event time when accepted; otherwise the partition time (or, before the
     * partition has one, the record's own timestamp or the wall clock), never equal to the event time.
     * Account profiles by when they were computed.
     */
    public TimestampExtractor extractor() {
        return (record, partitionTime) -> {
            if (record.value() instanceof Transaction tx) {
                long eventTime = tx.getEventTime().toEpochMilli();
                long now = wallClock.getAsLong();
                return accepts(eventTime, now) ? eventTime : neutral(record, partitionTime, eventTime, now);
            }
            if (record.value() instanceof AccountProfile profile) {
                return profile.getUpdatedAt().toEpochMilli();
            }
            return record.timestamp();
        };
    }

    /** True when the extractor rejected this event time: it placed the record at another time. */
    public static boolean rejected(long recordTimestamp, long eventTime) {
        return recordTimestamp != eventTime;
    }

    public EventTimeOutOfBoundsException outOfBounds(long eventTime) {
        String reason = eventTime < 0 ? "is negative"
                : "is more than " + maxAhead + " ahead of the wall clock (fraud.event-time.max-ahead)";
        return new EventTimeOutOfBoundsException("Transaction event time " + eventTime + " ms ("
                + Instant.ofEpochMilli(eventTime) + ") " + reason + "; it would move stream time, so it is not scored");
    }

    private long neutral(ConsumerRecord<Object, Object> record, long partitionTime, long eventTime, long now) {
        if (partitionTime >= 0 && partitionTime != eventTime) {
            return partitionTime;
        }
        long own = record.timestamp();
        if (own != eventTime && accepts(own, now)) {
            return own;
        }
        return now == eventTime ? now - 1 : now;
    }

    /** A transaction whose event time is outside the accepted bounds: a dead letter, never scored. */
    public static final class EventTimeOutOfBoundsException extends IllegalArgumentException {
        public EventTimeOutOfBoundsException(String message) {
            super(message);
        }
    }
}
