package io.streamsuite.kit.serde;

import java.util.Map;
import java.util.Objects;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The entry point: Avro serdes that speak the Confluent protocol, from one set of properties.
 * <pre>{@code
 * AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", url));
 * builder.stream("payments", Consumed.with(Serdes.String(), serdes.valueSerde(Transaction.class)));
 * }</pre>
 * Serdes from here are ready to use (no {@code configure} call needed) and share one cached registry client.
 */
public final class AvroSerdes {

    private final AvroSerdeConfig config;
    private final SchemaRegistryClient registry;

    private AvroSerdes(AvroSerdeConfig config, SchemaRegistryClient registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Reads the {@link AvroSerdeConfig} properties; {@code schema.registry.url} is required. */
    public static AvroSerdes fromConfig(Map<String, ?> config) {
        AvroSerdeConfig parsed = AvroSerdeConfig.from(config);
        return new AvroSerdes(parsed, RegistryClients.forConfig(parsed));
    }

    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return specific(type, false);
    }

    public <T extends SpecificRecord> Serde<T> keySerde(Class<T> type) {
        return specific(type, true);
    }

    public Serde<GenericRecord> genericValueSerde() {
        return generic(false);
    }

    public Serde<GenericRecord> genericKeySerde() {
        return generic(true);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public AvroSerdeConfig config() {
        return config;
    }

    private <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey) {
        Objects.requireNonNull(type, "type");
        return new RegistryAvroSerde<>(new RegistryAvroSerializer<>(registry, config, isKey),
                new RegistryAvroDeserializer<>(registry, config, isKey, type));
    }

    private Serde<GenericRecord> generic(boolean isKey) {
        return new RegistryAvroSerde<>(new RegistryAvroSerializer<>(registry, config, isKey),
                new RegistryAvroDeserializer<>(registry, config, isKey, null));
    }
}
