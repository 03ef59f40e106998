package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Producing test events and poisons, and waiting for what the service writes. */
final class Fixtures {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Fixtures() {
    }

    static AvroSerdes serdes() {
        return AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
    }

    static ExampleEvent event(String id, String kind) {
        return ExampleEvent.newBuilder().setId(id).setKind(kind).setAmount(new BigDecimal("12.34"))
                .setEventTime(Instant.parse("2026-11-25T10:00:00Z")).build();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A record as produced: where it went and its exact bytes. */
    record Sent(String key, byte[] keyBytes, byte[] value, RecordMetadata metadata) {
        int partition() {
            return metadata.partition();
        }

        long offset() {
            return metadata.offset();
        }
    }

    static Sent produce(String topic, String key, byte[] value) {
        byte[] keyBytes = utf8(key);
        return new Sent(key, keyBytes, value, KafkaStack.produce(topic, keyBytes, value));
    }

    static Sent produce(String topic, String key, ExampleEvent event, AvroSerdes serdes) {
        return produce(topic, key, serdes.valueSerde(ExampleEvent.class).serializer().serialize(topic, event));
    }

    /** Waits until at least {@code expected} committed records of the topic match, and returns those. */
    static List<ConsumerRecord<byte[], byte[]>> await(String topic, Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                      int expected) {
        return KafkaStack.awaitSelected(topic, records -> records.filter(matching), expected, WAIT);
    }

    static Predicate<ConsumerRecord<byte[], byte[]>> keyStartsWith(String prefix) {
        return record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).startsWith(prefix);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
