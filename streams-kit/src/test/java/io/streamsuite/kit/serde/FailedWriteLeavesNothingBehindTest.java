package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.example.ExampleEvent;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serializer reuses one buffer and encoder per thread; a record that fails half-way through its
 * fields must not leave bytes that end up inside the next record.
 */
class FailedWriteLeavesNothingBehindTest {

    private static final String SCOPE = "failed-write-test";
    private static final String TOPIC = "events";

    @AfterEach
    void forgetScope() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void aRecordWithANullRequiredFieldLeavesTheNextRecordsBytesIntact() {
        RegistryAvroSerializer<GenericRecord> serializer = serializer();
        GenericRecord good = generic("good-1", "click");
        // id and kind are written before eventTime is found to be null: the encoder holds those bytes when it fails.
        GenericRecord broken = generic("a-rather-long-id-that-fills-the-encoder-buffer", "view");
        broken.put("eventTime", null);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, broken)).isInstanceOf(SerializationException.class);
        byte[] afterFailure = serializer.serialize(TOPIC, good);

        assertThat(afterFailure).isEqualTo(serializer().serialize(TOPIC, good));
        assertThat(deserialize(afterFailure).get("id").toString()).isEqualTo("good-1");
    }

    @Test
    void aDecimalWithTheWrongScaleLeavesTheNextRecordsBytesIntact() {
        RegistryAvroSerializer<ExampleEvent> serializer = specificSerializer();
        ExampleEvent wrongScale = ExampleEvent.newBuilder().setId("id-before-the-bad-decimal").setKind("buy")
                .setAmount(new BigDecimal("1.234")).setEventTime(Instant.parse("2026-11-25T10:00:00Z")).build();
        ExampleEvent good = ExampleEvent.newBuilder().setId("good-2").setKind("buy")
                .setAmount(new BigDecimal("1.23")).setEventTime(Instant.parse("2026-11-25T10:00:00Z")).build();

        assertThatThrownBy(() -> serializer.serialize(TOPIC, wrongScale)).isInstanceOf(SerializationException.class);
        byte[] afterFailure = serializer.serialize(TOPIC, good);

        assertThat(afterFailure).isEqualTo(specificSerializer().serialize(TOPIC, good));
    }

    private static RegistryAvroSerializer<GenericRecord> serializer() {
        return new RegistryAvroSerializer<>(InMemorySchemaRegistryClient.forScope(SCOPE), config(), false);
    }

    private static RegistryAvroSerializer<ExampleEvent> specificSerializer() {
        return new RegistryAvroSerializer<>(InMemorySchemaRegistryClient.forScope(SCOPE), config(), false);
    }

    private static AvroSerdeConfig config() {
        return AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE));
    }

    private static GenericRecord deserialize(byte[] bytes) {
        return new RegistryAvroDeserializer<GenericRecord>(InMemorySchemaRegistryClient.forScope(SCOPE), config(), false, null)
                .deserialize(TOPIC, bytes);
    }

    private static GenericRecord generic(String id, String kind) {
        Schema schema = ExampleEvent.getClassSchema();
        GenericRecord record = new GenericData.Record(schema);
        Schema amount = schema.getField("amount").schema();
        ByteBuffer decimal = new org.apache.avro.Conversions.DecimalConversion()
                .toBytes(new BigDecimal("1.50"), amount, amount.getLogicalType());
        record.put("id", id);
        record.put("kind", kind);
        record.put("amount", decimal);
        record.put("eventTime", 1_764_064_800_000L);
        return record;
    }
}
