package io.streamsuite.kit.serde;

import static io.streamsuite.kit.serde.CustomerSchemas.customer;
import static io.streamsuite.kit.serde.CustomerSchemas.customerV2;
import static io.streamsuite.kit.serde.CustomerSchemas.registryConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.RegistryOutage;
import io.streamsuite.kit.test.WithKafkaStack;

@WithKafkaStack
class RegistryOutageTest {

    @Test
    void cachedWriterSchemaKeepsDecodingAndEncodingWhileTheRegistryIsDown() {
        String topic = KafkaStack.uniqueName("outage-cached");
        AvroSerdes serdes = AvroSerdes.fromConfig(registryConfig());
        var serde = serdes.valueSerde(Customer.class);
        byte[] first = serde.serializer().serialize(topic, customer("c-1", "Alice"));
        serde.deserializer().deserialize(topic, first);

        try (RegistryOutage outage = KafkaStack.registryOutage()) {
            byte[] second = serde.serializer().serialize(topic, customer("c-2", "Bob"));

            assertThat(serde.deserializer().deserialize(topic, first).getName()).isEqualTo("Alice");
            assertThat(serde.deserializer().deserialize(topic, second).getName()).isEqualTo("Bob");
        }
    }

    @Test
    void uncachedSchemaIdIsATransientUnavailableErrorWithinBoundedRetriesAndDecodesAfterResume() {
        String topic = KafkaStack.uniqueName("outage-uncached");
        // The writer registers through its own client, so the reader's client has never seen this id.
        HttpSchemaRegistryClient writerClient = new HttpSchemaRegistryClient(AvroSerdeConfig.from(registryConfig()));
        int id = writerClient.register(topic + "-value", CustomerSchemas.V2);
        byte[] wire = new RegistryAvroSerializer<GenericRecord>(writerClient, AvroSerdeConfig.from(registryConfig()), false)
                .serialize(topic, customerV2("c-3", "Carol", null));
        Deserializer<GenericRecord> reader = AvroSerdes.fromConfig(registryConfig(
                AvroSerdeConfig.MAX_RETRIES, 2, AvroSerdeConfig.RETRY_BACKOFF_MS, 100,
                AvroSerdeConfig.REQUEST_TIMEOUT_MS, 2000)).genericValueSerde().deserializer();

        try (RegistryOutage outage = KafkaStack.registryOutage()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> reader.deserialize(topic, wire))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .isInstanceOf(RetriableException.class)
                    .isNotInstanceOf(SerializationException.class)
                    .hasMessageContaining("/schemas/ids/" + id)
                    .hasMessageContaining("3 time(s)");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Two backoffs (100 + 200 ms) plus three refused connections.
            assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        }

        assertThat(reader.deserialize(topic, wire).get("name").toString()).isEqualTo("Carol");
    }
}
