package io.streamsuite.simulator.send;

import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns keys and values into the bytes the services read: keys as UTF-8 text, values through the kit's registry
 * serde (Confluent wire format, schemas registered under {@code <topic>-value}).
 */
public final class RecordEncoder {

    private final AvroSerdes serdes;
    private final Map<Class<?>, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();

    private RecordEncoder(AvroSerdes serdes) {
        this.serdes = serdes;
    }

    /** An encoder for the registry at {@code url}; {@code extra} takes further serde settings (e.g. basic auth). */
    public static RecordEncoder forRegistry(String url, Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        config.putIfAbsent(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        return new RecordEncoder(AvroSerdes.fromConfig(config));
    }

    public byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] value(String topic, SpecificRecord value) {
        Serializer<SpecificRecord> serializer = serializers.computeIfAbsent(value.getClass(),
                type -> (Serializer) serdes.valueSerde((Class) type).serializer());
        return serializer.serialize(topic, value);
    }
}
