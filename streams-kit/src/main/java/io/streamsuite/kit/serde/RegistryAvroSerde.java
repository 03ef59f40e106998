package io.streamsuite.kit.serde;

import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The registry serializer and deserializer as one Serde. The no-arg form is what Kafka Streams instantiates from
 * {@code default.key.serde} / {@code default.value.serde}, configured with the same properties.
 */
public class RegistryAvroSerde<T> implements Serde<T> {

    private final RegistryAvroSerializer<T> serializer;
    private final RegistryAvroDeserializer<T> deserializer;

    public RegistryAvroSerde() {
        this(new RegistryAvroSerializer<>(), new RegistryAvroDeserializer<>());
    }

    public RegistryAvroSerde(RegistryAvroSerializer<T> serializer, RegistryAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
