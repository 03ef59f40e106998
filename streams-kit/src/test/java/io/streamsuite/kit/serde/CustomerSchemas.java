package io.streamsuite.kit.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.fixtures.CustomerKey;
import io.streamsuite.kit.test.KafkaStack;

/** The Customer fixture's other versions (as generic schemas) and helpers the serde tests share. */
final class CustomerSchemas {

    /** Version 2: version 1 plus an optional email. Compatible both ways. */
    static final Schema V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Customer", "namespace": "io.streamsuite.kit.fixtures",
             "fields": [
               {"name": "id", "type": "string"},
               {"name": "name", "type": "string"},
               {"name": "balance", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
               {"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "email", "type": ["null", "string"], "default": null}
             ]}""");

    /** Turns name into a number: no version-1 reader can read it, so BACKWARD refuses it. */
    static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Customer", "namespace": "io.streamsuite.kit.fixtures",
             "fields": [
               {"name": "id", "type": "string"},
               {"name": "name", "type": "long"},
               {"name": "balance", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
               {"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
             ]}""");

    /** A record unrelated to Customer, for a writer no Customer reader can read. */
    static final Schema UNRELATED = new Schema.Parser().parse("""
            {"type": "record", "name": "Invoice", "namespace": "io.streamsuite.kit.fixtures",
             "fields": [{"name": "number", "type": "long"}]}""");

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");

    private CustomerSchemas() {
    }

    static Customer customer(String id, String name) {
        return Customer.newBuilder().setId(id).setName(name).setBalance(new BigDecimal("1234.56"))
                .setCreatedAt(CREATED).build();
    }

    static CustomerKey key(String id) {
        return CustomerKey.newBuilder().setId(id).build();
    }

    static GenericData.Record customerV2(String id, String name, String email) {
        GenericData.Record record = new GenericData.Record(V2);
        record.put("id", id);
        record.put("name", name);
        record.put("balance", java.nio.ByteBuffer.wrap(new BigDecimal("99.50").unscaledValue().toByteArray()));
        record.put("createdAt", CREATED.toEpochMilli());
        record.put("email", email);
        return record;
    }

    /** The registry settings of the running stack, plus any extra properties (key, value, key, value…). */
    static Map<String, Object> registryConfig(Object... extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl());
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i].toString(), extra[i + 1]);
        }
        return config;
    }

    /** Plain Avro binary of the record, as Avro itself writes it: what must follow the 5-byte header. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] plainAvro(IndexedRecord record) {
        DatumWriter writer = record instanceof SpecificRecord && !(record instanceof GenericData.Record)
                ? new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                : new GenericDatumWriter<>(record.getSchema());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int schemaIdOf(byte[] wire) {
        return ((wire[1] & 0xff) << 24) | ((wire[2] & 0xff) << 16) | ((wire[3] & 0xff) << 8) | (wire[4] & 0xff);
    }

    static byte[] payloadOf(byte[] wire) {
        return Arrays.copyOfRange(wire, 5, wire.length);
    }
}
