package io.streamsuite.kit.serde;

import static io.streamsuite.kit.serde.CustomerSchemas.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.streamsuite.kit.fixtures.Customer;

/** {@code mock://} needs no server: the TopologyTestDriver path, and the caching promise (no per-record calls). */
class InMemoryRegistrySerdeTest {

    private static final String SCOPE = "in-memory-serde-test";

    @AfterEach
    void forgetScope() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void topologyTestDriverRunsWithMockRegistryAndSharesItAcrossSerdesOfTheScope() {
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
        Serde<Customer> customers = AvroSerdes.fromConfig(config).valueSerde(Customer.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("customers", Consumed.with(Serdes.String(), customers))
                .mapValues(c -> Customer.newBuilder(c).setName(c.getName().toUpperCase()).build())
                .to("loud-customers", Produced.with(Serdes.String(), customers));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "mock-registry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, Customer> in = driver.createInputTopic("customers", Serdes.String().serializer(), customers.serializer());
            TestOutputTopic<String, Customer> out = driver.createOutputTopic("loud-customers", Serdes.String().deserializer(),
                    AvroSerdes.fromConfig(config).valueSerde(Customer.class).deserializer());
            in.pipeInput("c-1", customer("c-1", "alice"));

            assertThat(out.readValue().getName()).isEqualTo("ALICE");
        }
        assertThat(InMemorySchemaRegistryClient.forScope(SCOPE).latest("loud-customers-value").schema())
                .isEqualTo(Customer.getClassSchema());
    }

    @Test
    void serdeCallsTheRegistryOncePerSchemaNotPerRecord() {
        CountingRegistry registry = new CountingRegistry(new InMemorySchemaRegistryClient());
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"));
        RegistryAvroSerializer<Customer> serializer = new RegistryAvroSerializer<>(registry, config, false);
        RegistryAvroDeserializer<Customer> deserializer = new RegistryAvroDeserializer<>(registry, config, false, Customer.class);

        for (int i = 0; i < 1000; i++) {
            Customer c = customer("c-" + i, "n" + i);
            assertThat(deserializer.deserialize("t", serializer.serialize("t", c))).isEqualTo(c);
        }

        assertThat(registry.calls).isEqualTo(2);
    }

    @Test
    void mockRegistryRefusesIncompatibleSchemaLikeARealOne() {
        InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(SCOPE);
        registry.register("t-value", Customer.getClassSchema());

        assertThatThrownBy(() -> registry.register("t-value", CustomerSchemas.INCOMPATIBLE))
                .isInstanceOf(IncompatibleSchemaException.class);
        assertThat(registry.register("t-value", CustomerSchemas.V2)).isEqualTo(2);
        assertThat(registry.register("other-value", CustomerSchemas.V2)).as("equal schemas share an id").isEqualTo(2);
    }

    @Test
    void kafkaConfiguredDeserializerFindsTheSpecificClassFromTheConfiguredType() {
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Customer.class.getName());
        RegistryAvroSerde<Customer> serde = new RegistryAvroSerde<>();
        serde.configure(config, false);

        Customer alice = customer("c-1", "Alice");
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", alice))).isEqualTo(alice);
    }

    @Test
    void missingRegistryUrlFailsFastNamingTheProperty() {
        assertThatThrownBy(() -> AvroSerdes.fromConfig(Map.of()))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    private static final class CountingRegistry implements SchemaRegistryClient {
        private final SchemaRegistryClient delegate;
        private int calls;

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            calls++;
            return delegate.register(subject, schema);
        }

        @Override
        public int lookup(String subject, Schema schema) {
            calls++;
            return delegate.lookup(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            calls++;
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            calls++;
            return delegate.latest(subject);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            calls++;
            return delegate.isCompatible(subject, schema);
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {
            calls++;
            delegate.setCompatibility(subject, level);
        }
    }
}
