package io.streamsuite.kit.serde;

import static io.streamsuite.kit.serde.CustomerSchemas.customer;
import static io.streamsuite.kit.serde.CustomerSchemas.customerV2;
import static io.streamsuite.kit.serde.CustomerSchemas.registryConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;

@WithKafkaStack
class AvroSchemaEvolutionTest {

    private final AvroSerdes serdes = AvroSerdes.fromConfig(registryConfig());

    @Test
    void v1WriterIsReadByV2ReaderWithTheNewFieldAtItsDefault() {
        String topic = KafkaStack.uniqueName("evolve-up");
        KafkaStack.createTopics(topic);
        KafkaStack.produce(topic, null, customer("c-1", "Alice"), null, serdes.valueSerde(Customer.class).serializer());
        int v2Id = serdes.registry().register(topic + "-value", CustomerSchemas.V2);
        // A generic reader that follows the subject's latest schema reads every record as version 2.
        AvroSerdes latestReader = AvroSerdes.fromConfig(registryConfig(AvroSerdeConfig.USE_LATEST_VERSION, true));

        ConsumerRecord<byte[], byte[]> raw = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20)).get(0);
        GenericRecord read = latestReader.genericValueSerde().deserializer().deserialize(topic, raw.value());

        assertThat(CustomerSchemas.schemaIdOf(raw.value())).isNotEqualTo(v2Id);
        assertThat(read.getSchema()).isEqualTo(CustomerSchemas.V2);
        assertThat(read.get("name").toString()).isEqualTo("Alice");
        assertThat(read.get("email")).isNull();
    }

    @Test
    void v2WriterIsReadByV1ReaderWhichIgnoresTheNewField() {
        String topic = KafkaStack.uniqueName("evolve-down");
        KafkaStack.createTopics(topic);
        KafkaStack.produce(topic, null, customer("c-1", "Alice"), null, serdes.valueSerde(Customer.class).serializer());
        GenericData.Record v2 = customerV2("c-2", "Bob", "bob@example.com");
        KafkaStack.produce(topic, null, v2, null, serdes.genericValueSerde().serializer());

        var records = KafkaStack.readAll(topic, 2, Duration.ofSeconds(20), new ByteArrayDeserializer(),
                serdes.valueSerde(Customer.class).deserializer());

        assertThat(records).hasSize(2);
        Customer bob = records.get(1).value();
        assertThat(bob.getId()).isEqualTo("c-2");
        assertThat(bob.getName()).isEqualTo("Bob");
        assertThat(bob.getBalance()).isEqualByComparingTo("99.50");
        assertThat(serdes.registry().latest(topic + "-value").schema()).isEqualTo(CustomerSchemas.V2);
    }

    @Test
    void registryRefusesAnIncompatibleSchemaWith409AsIncompatibleSchemaException() {
        String topic = KafkaStack.uniqueName("evolve-broken");
        serdes.valueSerde(Customer.class).serializer().serialize(topic, customer("c-1", "Alice"));
        GenericData.Record broken = new GenericData.Record(CustomerSchemas.INCOMPATIBLE);
        broken.put("id", "c-9");
        broken.put("name", 42L);
        broken.put("balance", java.nio.ByteBuffer.wrap(new byte[] {1}));
        broken.put("createdAt", 0L);

        assertThat(serdes.registry().isCompatible(topic + "-value", CustomerSchemas.INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> serdes.genericValueSerde().serializer().serialize(topic, broken))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(topic + "-value")
                .hasMessageContaining("409")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).status()).isEqualTo(409));
        assertThat(serdes.registry().latest(topic + "-value").schema()).isEqualTo(Customer.getClassSchema());
    }

    @Test
    void subjectCompatibilitySetToNoneLetsTheSameSchemaThrough() {
        String subject = KafkaStack.uniqueName("evolve-none") + "-value";
        serdes.registry().register(subject, Customer.getClassSchema());

        serdes.registry().setCompatibility(subject, CompatibilityLevel.NONE);

        assertThat(serdes.registry().isCompatible(subject, CustomerSchemas.INCOMPATIBLE)).isTrue();
        assertThat(serdes.registry().register(subject, CustomerSchemas.INCOMPATIBLE))
                .isEqualTo(serdes.registry().latest(subject).id());
    }
}
