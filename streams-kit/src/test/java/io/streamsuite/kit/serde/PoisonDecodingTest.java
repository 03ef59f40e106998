package io.streamsuite.kit.serde;

import static io.streamsuite.kit.serde.CustomerSchemas.customer;
import static io.streamsuite.kit.serde.CustomerSchemas.registryConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;

@WithKafkaStack
class PoisonDecodingTest {

    private final AvroSerdes serdes = AvroSerdes.fromConfig(registryConfig());
    private final Deserializer<Customer> customers = serdes.valueSerde(Customer.class).deserializer();
    private final String topic = KafkaStack.uniqueName("poison");

    @Test
    void garbageTextIsAnInvalidMagicByteNamingTheTopic() {
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> customers.deserialize(topic, garbage))
                .isInstanceOf(InvalidMagicByteException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("0x7b");
    }

    @Test
    void bytesShorterThanTheHeaderAreUndecodable() {
        assertThatThrownBy(() -> customers.deserialize(topic, new byte[] {0, 0, 1}))
                .isExactlyInstanceOf(UndecodableRecordException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte header");
    }

    @Test
    void unknownSchemaIdIsReportedWithTheIdAfterTheRegistrySays404() {
        byte[] unknownId = {0, 0x7f, 0x12, 0x34, 0x56, 2, 'x'};

        assertThatThrownBy(() -> customers.deserialize(topic, unknownId))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("schema id " + 0x7f123456)
                .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).hasValue(0x7f123456))
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void validHeaderWithCorruptAvroBodyIsUndecodableNamingTheSchemaId() {
        byte[] good = serdes.valueSerde(Customer.class).serializer().serialize(topic, customer("c-1", "Alice"));
        byte[] truncated = Arrays.copyOf(good, 8);

        assertThatThrownBy(() -> customers.deserialize(topic, truncated))
                .isExactlyInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("schema id " + CustomerSchemas.schemaIdOf(good))
                .hasMessageContaining("not valid Avro");
    }

    @Test
    void writerSchemaTheReaderCannotResolveIsASchemaMismatch() {
        GenericData.Record invoice = new GenericData.Record(CustomerSchemas.UNRELATED);
        invoice.put("number", 7L);
        byte[] wire = serdes.genericValueSerde().serializer().serialize(topic, invoice);

        assertThatThrownBy(() -> customers.deserialize(topic, wire))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("Invoice")
                .hasMessageContaining("Customer")
                .hasMessageContaining("schema id " + CustomerSchemas.schemaIdOf(wire));
        // Cached as a failure: the same poison keeps failing the same way without new registry calls.
        assertThatThrownBy(() -> customers.deserialize(topic, wire)).isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void serializerRefusesSomethingThatIsNotAnAvroRecord() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        org.apache.kafka.common.serialization.Serializer<Object> raw = (org.apache.kafka.common.serialization.Serializer) serdes.genericValueSerde().serializer();

        assertThatThrownBy(() -> raw.serialize(topic, "plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.String");
    }
}
