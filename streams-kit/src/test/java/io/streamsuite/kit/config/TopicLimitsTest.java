package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** What the kit's producer refuses before the broker can (which under exactly-once would abort the transaction). */
class TopicLimitsTest {

    private final TopicLimits limits = new TopicLimits(Map.of("small", 1_000, "profiles", 1_000_000), Set.of("profiles"),
            Integer.MAX_VALUE);

    @Test
    void refusesARecordLargerThanTheTopicsMaxMessageBytesAndLetsOneThatFitsThrough() {
        assertThat(limits.refusal(record("small", "k", 990))).get().isInstanceOf(RecordTooLargeException.class);
        assertThat(limits.refusal(record("small", "k", 900))).isEmpty();
        assertThat(limits.refusal(record("unknown-topic", "k", 5_000_000))).isEmpty();
    }

    @Test
    void refusesAKeylessRecordForACompactedTopic() {
        assertThat(limits.refusal(new ProducerRecord<>("profiles", null, new byte[10]))).get()
                .isInstanceOf(InvalidRecordException.class);
        assertThat(limits.refusal(record("profiles", "k", 10))).isEmpty();
    }

    @Test
    void theProducersMaxRequestSizeLimitsEveryTopic() {
        TopicLimits capped = limits.withMaxRequestSize(500);

        assertThat(capped.refusal(record("profiles", "k", 600))).get().isInstanceOf(RecordTooLargeException.class);
        assertThat(capped.refusal(record("unknown-topic", "k", 600))).get().isInstanceOf(RecordTooLargeException.class);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, int valueBytes) {
        return new ProducerRecord<>(topic, key.getBytes(), new byte[valueBytes]);
    }
}
