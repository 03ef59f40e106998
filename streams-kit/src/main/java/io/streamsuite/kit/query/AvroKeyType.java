package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.json.AvroJsonException;
import io.streamsuite.kit.serde.AvroSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.JsonNode;

/** An Avro record key (specific or generic), written in requests as JSON. */
final class AvroKeyType<K extends IndexedRecord> implements KeyType<K> {

    private final Schema schema;
    private final Function<JsonNode, K> reader;
    private final DatumWriter<K> writer;
    private final Function<AvroSerdes, Serializer<K>> serializer;

    private AvroKeyType(Schema schema, Function<JsonNode, K> reader, DatumWriter<K> writer,
                        Function<AvroSerdes, Serializer<K>> serializer) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("an Avro key type needs a record schema, got " + schema.getType());
        }
        this.schema = schema;
        this.reader = reader;
        this.writer = writer;
        this.serializer = serializer;
    }

    AvroKeyType(Class<K> keyClass) {
        this(SpecificData.getForClass(keyClass).getSchema(keyClass),
                json -> castSpecific(json, keyClass),
                new SpecificDatumWriter<>(keyClass),
                serdes -> specificSerializer(serdes, keyClass));
    }

    static AvroKeyType<GenericRecord> generic(Schema schema) {
        return new AvroKeyType<>(schema, json -> AvroJson.toRecord(json, schema),
                new GenericDatumWriter<>(schema), serdes -> serdes.genericKeySerde().serializer());
    }

    @Override
    public String name() {
        return "avro:" + schema.getFullName();
    }

    Schema schema() {
        return schema;
    }

    @Override
    public K parse(String text) {
        try {
            return reader.apply(AvroJson.parse(text));
        } catch (AvroJsonException e) {
            throw new InvalidQueryException("key is not a valid " + schema.getName() + ": " + e.getMessage());
        }
    }

    @Override
    public String format(K key) {
        return toJson(key).toString();
    }

    @Override
    public JsonNode toJson(K key) {
        return AvroJson.toJson(key, schema);
    }

    @Override
    public K fromJson(JsonNode json) {
        try {
            return reader.apply(json);
        } catch (AvroJsonException e) {
            throw new InvalidQueryException("key is not a valid " + schema.getName() + ": " + e.getMessage());
        }
    }

    /** Avro's own sort order for the schema, applied to the binary form so logical types compare right. */
    @Override
    public Comparator<K> order() {
        return (a, b) -> BinaryData.compare(binary(a), 0, binary(b), 0, schema);
    }

    @Override
    public boolean storeOrderMatches() {
        return false;
    }

    @Override
    public Serializer<K> serializer(AvroSerdes serdes) {
        return serializer.apply(serdes);
    }

    private byte[] binary(K key) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(key, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K extends IndexedRecord> K castSpecific(JsonNode json, Class<K> keyClass) {
        return (K) AvroJson.toRecord(json, (Class) keyClass.asSubclass(SpecificRecord.class));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K extends IndexedRecord> Serializer<K> specificSerializer(AvroSerdes serdes, Class<K> keyClass) {
        return (Serializer<K>) serdes.keySerde((Class) keyClass).serializer();
    }
}
