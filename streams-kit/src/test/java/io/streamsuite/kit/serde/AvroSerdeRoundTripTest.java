package io.streamsuite.kit.serde;

import static io.streamsuite.kit.serde.CustomerSchemas.customer;
import static io.streamsuite.kit.serde.CustomerSchemas.customerV2;
import static io.streamsuite.kit.serde.CustomerSchemas.key;
import static io.streamsuite.kit.serde.CustomerSchemas.payloadOf;
import static io.streamsuite.kit.serde.CustomerSchemas.plainAvro;
import static io.streamsuite.kit.serde.CustomerSchemas.registryConfig;
import static io.streamsuite.kit.serde.CustomerSchemas.schemaIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.fixtures.CustomerKey;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;

@WithKafkaStack
class AvroSerdeRoundTripTest {

    private final AvroSerdes serdes = AvroSerdes.fromConfig(registryConfig());

    @Test
    void specificKeyAndValueGoThroughBrokerAndRegistryInConfluentWireFormat() {
        String topic = KafkaStack.uniqueName("customers");
        KafkaStack.createTopics(topic);
        Serde<CustomerKey> keySerde = serdes.keySerde(CustomerKey.class);
        Serde<Customer> valueSerde = serdes.valueSerde(Customer.class);
        Customer alice = customer("c-1", "Alice");

        KafkaStack.produce(topic, key("c-1"), alice, keySerde.serializer(), valueSerde.serializer());
        ConsumerRecord<byte[], byte[]> raw = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20)).get(0);

        assertConfluentWireFormat(raw.value(), topic + "-value", alice);
        assertConfluentWireFormat(raw.key(), topic + "-key", key("c-1"));
        assertThat(keySerde.deserializer().deserialize(topic, raw.key())).isEqualTo(key("c-1"));
        Customer read = valueSerde.deserializer().deserialize(topic, raw.value());
        assertThat(read).isEqualTo(alice);
        assertThat(read.getBalance()).isEqualByComparingTo("1234.56");
        assertThat(read.getCreatedAt()).isEqualTo(CustomerSchemas.CREATED);
    }

    @Test
    void genericKeyAndValueGoThroughBrokerAndRegistryInConfluentWireFormat() {
        String topic = KafkaStack.uniqueName("generic-customers");
        KafkaStack.createTopics(topic);
        Serde<GenericRecord> keySerde = serdes.genericKeySerde();
        Serde<GenericRecord> valueSerde = serdes.genericValueSerde();
        GenericData.Record value = customerV2("c-2", "Bob", "bob@example.com");
        GenericData.Record keyRecord = new GenericData.Record(CustomerKey.getClassSchema());
        keyRecord.put("id", "c-2");

        KafkaStack.produce(topic, keyRecord, value, keySerde.serializer(), valueSerde.serializer());
        List<ConsumerRecord<GenericRecord, GenericRecord>> records = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20),
                keySerde.deserializer(), valueSerde.deserializer());
        ConsumerRecord<byte[], byte[]> raw = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20)).get(0);

        assertConfluentWireFormat(raw.value(), topic + "-value", value);
        assertConfluentWireFormat(raw.key(), topic + "-key", keyRecord);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(keyRecord);
        assertThat(records.get(0).value()).isEqualTo(value);
        assertThat(records.get(0).value().get("email").toString()).isEqualTo("bob@example.com");
    }

    @Test
    void nullTombstoneStaysNullThroughBroker() {
        String topic = KafkaStack.uniqueName("tombstones");
        KafkaStack.createTopics(topic);
        Serde<Customer> valueSerde = serdes.valueSerde(Customer.class);

        assertThat(valueSerde.serializer().serialize(topic, null)).isNull();
        KafkaStack.produce(topic, key("c-3"), null, serdes.keySerde(CustomerKey.class).serializer(), valueSerde.serializer());
        List<ConsumerRecord<CustomerKey, Customer>> records = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20),
                serdes.keySerde(CustomerKey.class).deserializer(), valueSerde.deserializer());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key("c-3"));
            assertThat(r.value()).isNull();
        });
        assertThat(valueSerde.deserializer().deserialize(topic, null)).isNull();
    }

    @Test
    void kafkaConfiguredSerdeWithSpecificReaderReadsWhatAvroSerdesWrote() {
        String topic = KafkaStack.uniqueName("configured");
        Customer carol = customer("c-4", "Carol");
        byte[] wire = serdes.valueSerde(Customer.class).serializer().serialize(topic, carol);

        RegistryAvroSerde<Customer> configured = new RegistryAvroSerde<>();
        configured.configure(registryConfig(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        assertThat(configured.deserializer().deserialize(topic, wire)).isEqualTo(carol);
        assertThat(configured.serializer().serialize(topic, carol)).isEqualTo(wire);
    }

    private void assertConfluentWireFormat(byte[] wire, String subject, org.apache.avro.generic.IndexedRecord record) {
        int registeredId = serdes.registry().latest(subject).id();
        assertThat(wire[0]).as("magic byte").isZero();
        assertThat(schemaIdOf(wire)).as("schema id the registry returned for " + subject).isEqualTo(registeredId);
        assertThat(payloadOf(wire)).as("plain Avro binary after the header").isEqualTo(plainAvro(record));
    }
}
