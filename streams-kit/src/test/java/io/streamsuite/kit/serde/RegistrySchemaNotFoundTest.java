package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.streamsuite.kit.failure.FailureFate;
import io.streamsuite.kit.failure.FailureFates;
import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one registry 404 that is the record's fault: the real registry's "schema not found" (error 40403). */
@WithKafkaStack
class RegistrySchemaNotFoundTest {

    @Test
    void theRealRegistrysSchemaNotFoundIsError40403AndAPermanentFailure() {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
        int unknownId = 0x7fff_fff0;

        Throwable lookup = catchThrowable(() -> serdes.registry().schemaById(unknownId));
        Throwable decode = catchThrowable(() -> serdes.valueSerde(Customer.class).deserializer()
                .deserialize("orders", new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 2, 4}));

        assertThat(lookup).isInstanceOf(SchemaNotFoundException.class);
        assertThat(((SchemaNotFoundException) lookup).errorCode()).isEqualTo(40403);
        assertThat(decode).isInstanceOf(UnknownSchemaIdException.class);
        assertThat(FailureFates.of(decode)).isEqualTo(FailureFate.PERMANENT);
    }
}
