package io.streamsuite.kit.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format. The writer's schema comes from the registry by id (once per id) and is
 * resolved against the reader's: the SpecificRecord class's schema, or for generic records the writer's own
 * (or the subject's latest with {@code use.latest.version}). That resolution is schema evolution.
 * Bad bytes throw {@link UndecodableRecordException} subclasses; a registry outage throws
 * {@link SchemaRegistryUnavailableException}. Null stays null (tombstones).
 */
public class RegistryAvroDeserializer<T> implements Deserializer<T> {

    private static final ThreadLocal<BinaryDecoder[]> DECODER = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);
    private static final String ALL_TOPICS = "";

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private boolean specific;
    private Class<? extends SpecificRecord> specificType;
    private boolean preconfigured;
    /** Per topic only when the reader is the subject's latest schema; otherwise everything is under ALL_TOPICS. */
    private final Map<String, Map<Integer, Object>> readersByTopic = new ConcurrentHashMap<>();
    private final Map<String, Schema> latestReaderByTopic = new ConcurrentHashMap<>();

    /** For Kafka to instantiate from configuration; {@link #configure(Map, boolean)} must follow. */
    public RegistryAvroDeserializer() {
    }

    /** Reads into the given SpecificRecord class, or GenericRecord when {@code specificType} is null. */
    public RegistryAvroDeserializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey,
                                    Class<? extends SpecificRecord> specificType) {
        this.registry = registry;
        this.config = config;
        this.isKey = isKey;
        this.specificType = specificType;
        this.specific = specificType != null;
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
        this.specific = config.specificAvroReader();
        String typeName = (isKey ? config.specificKeyType() : config.specificValueType()).orElse(null);
        if (typeName != null) {
            this.specificType = loadSpecificClass(typeName).orElseThrow(() -> new ConfigException(
                    isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, typeName,
                    "not a SpecificRecord class on the classpath"));
            this.specific = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("RegistryAvroDeserializer is not configured: call configure(...) or use AvroSerdes");
        }
        if (data.length < 5) {
            throw new UndecodableRecordException(topic, null, data.length
                    + " byte(s) is shorter than the 5-byte header (magic byte and schema id)", null);
        }
        if (data[0] != 0) {
            throw new InvalidMagicByteException(topic, data[0]);
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        DatumReader<Object> reader = readerFor(topic, id);
        BinaryDecoder[] reuse = DECODER.get();
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, reuse[0]);
            reuse[0] = decoder;
            return (T) reader.read(null, decoder);
        } catch (Exception | StackOverflowError e) {
            throw new UndecodableRecordException(topic, id, "not valid Avro for its writer schema: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerFor(String topic, int id) {
        boolean perTopic = !specific && config.useLatestVersion();
        String key = perTopic ? topic : ALL_TOPICS;
        Map<Integer, Object> readers = readersByTopic.get(key);
        if (readers == null) {
            readers = readersByTopic.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        }
        Object cached = readers.get(id);
        if (cached == null) {
            cached = buildReader(topic, id, perTopic);
            readers.put(id, cached);
        }
        if (cached instanceof String mismatch) {
            throw new SchemaMismatchException(topic, id, mismatch);
        }
        return (DatumReader<Object>) cached;
    }

    /** A DatumReader, or the reason (a String) why this writer can never be read: cached either way. */
    private Object buildReader(String topic, int id, boolean latestAsReader) {
        Schema writer = writerSchema(topic, id);
        if (!specific) {
            Schema reader = latestAsReader ? latestReaderByTopic.computeIfAbsent(topic,
                    t -> registry.latest(t + (isKey ? "-key" : "-value")).schema()) : writer;
            String problem = incompatibility(writer, reader);
            return problem != null ? problem : new GenericDatumReader<>(writer, reader, GenericData.get());
        }
        Class<?> type = specificType != null ? specificType : loadSpecificClass(writer.getFullName()).orElse(null);
        if (type == null) {
            return "specific.avro.reader is set but no SpecificRecord class " + writer.getFullName() + " is on the classpath";
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema reader = model.getSchema(type);
        String problem = incompatibility(writer, reader);
        return problem != null ? problem : new SpecificDatumReader<>(writer, reader, model);
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(topic, id, e);
        }
    }

    private static String incompatibility(Schema writer, Schema reader) {
        if (writer == reader) {
            return null;
        }
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return "writer schema " + writer.getFullName() + " cannot be read as " + reader.getFullName() + ": "
                + result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.joining("; "));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Class<? extends SpecificRecord>> loadSpecificClass(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(name, true, loader != null ? loader : RegistryAvroDeserializer.class.getClassLoader());
            return SpecificRecord.class.isAssignableFrom(type)
                    ? java.util.Optional.of((Class<? extends SpecificRecord>) type)
                    : java.util.Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }
}
