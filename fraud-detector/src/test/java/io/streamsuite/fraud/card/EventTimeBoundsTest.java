package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.Payments;
import io.streamsuite.schemas.payments.Transaction;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.junit.jupiter.api.Test;

class EventTimeBoundsTest {

    private static final long NOW = Payments.T0.toEpochMilli();
    private final EventTimeBounds bounds = new EventTimeBounds(Duration.ofMinutes(10), () -> NOW);
    private final TimestampExtractor extractor = bounds.extractor();

    @Test
    void acceptedTransactionIsPlacedAtItsEventTime() {
        long tenMinutesAhead = NOW + 600_000;
        assertThat(extractor.extract(record(tenMinutesAhead, NOW), NOW - 5)).isEqualTo(tenMinutesAhead);
        assertThat(extractor.extract(record(0, NOW), NOW - 5)).isZero();
    }

    @Test
    void rejectedTransactionKeepsThePartitionTimeOrFallsBackToATimeThatIsNotItsEventTime() {
        long farAhead = NOW + 600_001;
        long placed = extractor.extract(record(farAhead, NOW - 1_000), NOW - 5);
        assertThat(placed).isEqualTo(NOW - 5);
        assertThat(EventTimeBounds.rejected(placed, farAhead)).isTrue();
        // No partition time yet: the record's own timestamp, if acceptable, else the wall clock.
        assertThat(extractor.extract(record(farAhead, NOW - 1_000), -1)).isEqualTo(NOW - 1_000);
        assertThat(extractor.extract(record(-7, -1), -1)).isEqualTo(NOW);
        assertThat(bounds.outOfBounds(-7)).hasMessageContaining("is negative");
    }

    private static ConsumerRecord<Object, Object> record(long eventTime, long recordTimestamp) {
        Transaction tx = Payments.card(Payments.CARD_A).at(Instant.ofEpochMilli(eventTime)).build();
        return new ConsumerRecord<>("t", 0, 0, recordTimestamp, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, Payments.CARD_A, tx, new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}
