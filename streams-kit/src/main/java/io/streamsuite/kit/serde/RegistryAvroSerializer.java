package io.streamsuite.kit.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (SpecificRecord or GenericRecord) in the Confluent wire format: 0x00, the 4-byte schema id,
 * Avro binary. The subject is {@code <topic>-key} / {@code <topic>-value}. The registry is asked once per topic
 * and schema; null stays null (tombstones).
 */
public class RegistryAvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private boolean preconfigured;
    private final Map<String, Map<Schema, Integer>> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Class<?>, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

    /** For Kafka to instantiate from configuration; {@link #configure(Map, boolean)} must follow. */
    public RegistryAvroSerializer() {
    }

    /** Ready to use; a later {@link #configure(Map, boolean)} is ignored. */
    public RegistryAvroSerializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
        this.registry = registry;
        this.config = config;
        this.isKey = isKey;
        this.preconfigured = true;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (preconfigured) {
            return;
        }
        this.config = AvroSerdeConfig.from(configs);
        this.registry = RegistryClients.forConfig(config);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("RegistryAvroSerializer is not configured: call configure(...) or use AvroSerdes");
        }
        if (!(data instanceof IndexedRecord record)) {
            throw new SerializationException("RegistryAvroSerializer writes Avro records (SpecificRecord or GenericRecord), "
                    + "not " + data.getClass().getName() + " (topic '" + topic + "')");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        AvroOutput output = AvroOutput.forThisThread();
        try {
            output.writeHeader(id);
            BinaryEncoder encoder = output.encoder();
            writerFor(record).write(record, encoder);
            encoder.flush();
            return output.toByteArrayAndRelease();
        } catch (Exception e) {
            output.discard();
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic '" + topic
                    + "' (schema id " + id + "): " + e, e);
        }
    }

    private int schemaId(String topic, Schema schema) {
        Map<Schema, Integer> ids = idsByTopic.get(topic);
        if (ids == null) {
            ids = idsByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        Integer id = ids.get(schema);
        if (id == null) {
            id = resolveId(subject(topic), schema);
            ids.put(schema, id);
        }
        return id;
    }

    private int resolveId(String subject, Schema schema) {
        if (config.autoRegisterSchemas()) {
            return registry.register(subject, schema);
        }
        if (config.useLatestVersion()) {
            RegisteredSchema latest = registry.latest(subject);
            if (SchemaNormalization.parsingFingerprint64(latest.schema()) != SchemaNormalization.parsingFingerprint64(schema)) {
                throw new SerializationException("use.latest.version: the record's schema " + schema.getFullName()
                        + " differs from the latest registered under '" + subject + "' (id " + latest.id() + ")");
            }
            return latest.id();
        }
        return registry.lookup(subject, schema);
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(IndexedRecord record) {
        if (record instanceof SpecificRecord && !(record instanceof GenericData.Record)) {
            DatumWriter<Object> writer = specificWriters.get(record.getClass());
            if (writer != null) {
                return writer;
            }
            // The class's own model carries its logical-type conversions (decimal, timestamps).
            return specificWriters.computeIfAbsent(record.getClass(), c ->
                    (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(c)));
        }
        DatumWriter<Object> writer = genericWriters.get(record.getSchema());
        return writer != null ? writer
                : genericWriters.computeIfAbsent(record.getSchema(), s -> new GenericDatumWriter<>(s, GenericData.get()));
    }
}
