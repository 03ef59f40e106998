package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.serde.AvroSerdes;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Previews bytes in the Confluent wire format by decoding them with the writer schema from the registry. */
final class AvroPayloadPreview {

    private AvroPayloadPreview() {
    }

    static PayloadPreview from(AvroSerdes serdes) {
        if (serdes == null) {
            return PayloadPreview.NONE;
        }
        Deserializer<GenericRecord> deserializer = serdes.genericValueSerde().deserializer();
        return (topic, bytes) -> {
            GenericRecord record = deserializer.deserialize(topic, bytes);
            return record == null ? null : AvroJson.toJson(record);
        };
    }
}
