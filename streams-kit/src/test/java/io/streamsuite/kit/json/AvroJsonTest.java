package io.streamsuite.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.fixtures.CustomerKey;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AvroJsonTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");

    /** Every Avro shape in one schema: unions of primitives, records and logical types, and the containers. */
    private static final Schema PAYMENT = new Schema.Parser().parse("""
            {"type": "record", "name": "Payment", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "fee", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 3}], "default": null},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "atMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "settledAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
              {"name": "channel", "type": {"type": "enum", "name": "Channel", "symbols": ["WEB", "POS", "UNKNOWN"], "default": "UNKNOWN"}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "limits", "type": {"type": "map", "values": "long"}},
              {"name": "signature", "type": "bytes"},
              {"name": "checksum", "type": {"type": "fixed", "name": "Md5", "size": 4}},
              {"name": "geo", "type": ["null", {"type": "record", "name": "Geo", "fields": [
                {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"}]}], "default": null}
            ]}
            """);

    @Test
    void rendersDecimalsExactlyFromSpecificRecordsAndFromRawBytes() {
        Customer customer = Customer.newBuilder().setId("c-1").setName("Alice")
                .setBalance(new BigDecimal("1234.50")).setCreatedAt(CREATED).build();
        GenericRecord payment = payment();

        JsonNode specific = AvroJson.toJson(customer);
        JsonNode generic = AvroJson.toJson(payment);

        assertThat(specific.get("balance").decimalValue()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(specific.toString()).contains("\"balance\":1234.50");
        assertThat(generic.get("amount").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(generic.get("fee").decimalValue()).isEqualTo(new BigDecimal("0.005"));
    }

    @Test
    void rendersTimestampsAsIsoStrings() {
        ExampleEvent event = ExampleEvent.newBuilder().setId("e-1").setKind("view")
                .setAmount(new BigDecimal("9.99")).setEventTime(CREATED).build();

        JsonNode specific = AvroJson.toJson(event);
        JsonNode generic = AvroJson.toJson(payment());

        assertThat(specific.get("eventTime").stringValue()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(generic.get("at").stringValue()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(generic.get("atMicros").stringValue()).isEqualTo("2026-01-02T03:04:05.678901Z");
        assertThat(generic.get("settledAt").stringValue()).isEqualTo("2026-01-02T03:04:06Z");
    }

    @Test
    void unwrapsUnionsWithoutBranchNames() {
        JsonNode json = AvroJson.toJson(payment());

        assertThat(json.get("note").stringValue()).isEqualTo("split bill");
        assertThat(json.get("geo").toString()).isEqualTo("{\"lat\":52.5,\"lon\":13.4}");
        assertThat(json.toString()).doesNotContain("\"string\":").doesNotContain("\"test.Geo\":");

        GenericRecord withNulls = payment();
        withNulls.put("note", null);
        withNulls.put("geo", null);
        JsonNode nulls = AvroJson.toJson(withNulls);
        assertThat(nulls.get("note").isNull()).isTrue();
        assertThat(nulls.get("geo").isNull()).isTrue();
    }

    @Test
    void rendersEnumsArraysMapsBytesAndFixed() {
        JsonNode json = AvroJson.toJson(payment());

        assertThat(json.get("channel").stringValue()).isEqualTo("POS");
        assertThat(json.get("tags").toString()).isEqualTo("[\"food\",\"shared\"]");
        assertThat(json.get("limits").toString()).isEqualTo("{\"daily\":500}");
        assertThat(json.get("signature").stringValue()).isEqualTo("AQID");
        assertThat(json.get("checksum").stringValue()).isEqualTo("3q2+7w==");
    }

    @Test
    void showsOnlyTheSchemaFieldsOfASpecificRecord() {
        Customer customer = Customer.newBuilder().setId("c-1").setName("Alice")
                .setBalance(new BigDecimal("1.00")).setCreatedAt(CREATED).build();

        JsonNode json = AvroJson.toJson(customer);

        assertThat(json.propertyNames()).containsExactly("id", "name", "balance", "createdAt");
    }

    @Test
    void rendersPlainStoreValuesAndWindowedKeys() {
        assertThat(AvroJson.toJson(42L).longValue()).isEqualTo(42L);
        assertThat(AvroJson.toJson(null).isNull()).isTrue();
        JsonNode windowed = AvroJson.windowed(AvroJson.toJson("card-1"),
                Instant.parse("2026-01-02T03:04:00Z"), Instant.parse("2026-01-02T03:05:00Z"));
        assertThat(windowed.toString())
                .isEqualTo("{\"key\":\"card-1\",\"windowStart\":\"2026-01-02T03:04:00Z\",\"windowEnd\":\"2026-01-02T03:05:00Z\"}");
    }

    @Test
    void roundTripsASpecificKeyRecordThroughJson() {
        CustomerKey key = CustomerKey.newBuilder().setId("c-42").build();

        CustomerKey back = AvroJson.toRecord(AvroJson.parse(AvroJson.toJson(key).toString()), CustomerKey.class);

        assertThat(back).isEqualTo(key);
    }

    @Test
    void roundTripsAGenericRecordWithEveryShapeThroughJson() {
        GenericRecord payment = payment();

        GenericRecord back = AvroJson.toRecord(AvroJson.toJson(payment), PAYMENT);

        assertThat(AvroJson.toJson(back)).isEqualTo(AvroJson.toJson(payment));
        assertThat(GenericData.get().validate(PAYMENT, back)).isTrue();
    }

    @Test
    void readsSpecificLogicalTypesFromTheirJsonForm() {
        Customer customer = AvroJson.toRecord(AvroJson.parse(
                "{\"id\":\"c-1\",\"name\":\"A\",\"balance\":\"10.5\",\"createdAt\":\"2026-01-02T04:04:05.678+01:00\"}"), Customer.class);

        assertThat(customer.getBalance()).isEqualTo(new BigDecimal("10.50"));
        assertThat(customer.getCreatedAt()).isEqualTo(CREATED);
    }

    @Test
    void namesTheBadFieldWhenJsonDoesNotFitTheSchema() {
        JsonNode json = AvroJson.toJson(payment());
        ((tools.jackson.databind.node.ObjectNode) json.get("geo")).put("lat", "north");

        assertThatThrownBy(() -> AvroJson.toRecord(json, PAYMENT))
                .isInstanceOf(AvroJsonException.class)
                .hasMessage("field 'geo.lat': expected a number, got \"north\"")
                .satisfies(e -> assertThat(((AvroJsonException) e).fieldPath()).isEqualTo("geo.lat"));
        assertThatThrownBy(() -> AvroJson.toRecord(AvroJson.parse("{\"id\": 7}"), CustomerKey.class))
                .isInstanceOf(AvroJsonException.class)
                .hasMessage("field 'id': expected a string, got 7");
        assertThatThrownBy(() -> AvroJson.toRecord(AvroJson.parse("{}"), CustomerKey.class))
                .hasMessage("field 'id': is required");
        assertThatThrownBy(() -> AvroJson.toRecord(AvroJson.parse("{\"id\":\"c\",\"idd\":\"x\"}"), CustomerKey.class))
                .hasMessage("field 'idd': is not a field of CustomerKey");
        assertThatThrownBy(() -> AvroJson.toRecord(AvroJson.parse(
                "{\"id\":\"c\",\"name\":\"A\",\"balance\":1.234,\"createdAt\":0}"), Customer.class))
                .hasMessage("field 'balance': has more than 2 decimal places: 1.234");
        assertThatThrownBy(() -> AvroJson.parse("{\"id\":"))
                .isInstanceOf(AvroJsonException.class).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void parsesInstantsAsIsoOrEpochMillis() {
        assertThat(AvroJson.parseInstant("2026-01-02T03:04:05.678Z")).isEqualTo(CREATED);
        assertThat(AvroJson.parseInstant(Long.toString(CREATED.toEpochMilli()))).isEqualTo(CREATED);
        assertThat(AvroJson.parseInstant("2026-01-02T04:04:05.678+01:00")).isEqualTo(CREATED);
    }

    private static GenericRecord payment() {
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        Schema amountSchema = PAYMENT.getField("amount").schema();
        Schema feeSchema = PAYMENT.getField("fee").schema().getTypes().get(1);
        GenericData.Record record = new GenericData.Record(PAYMENT);
        record.put("id", "p-1");
        record.put("amount", decimals.toBytes(new BigDecimal("0.10"), amountSchema, LogicalTypes.decimal(12, 2)));
        record.put("fee", decimals.toBytes(new BigDecimal("0.005"), feeSchema, LogicalTypes.decimal(8, 3)));
        record.put("note", "split bill");
        record.put("at", CREATED.toEpochMilli());
        record.put("atMicros", CREATED.toEpochMilli() * 1000 + 901);
        record.put("settledAt", CREATED.plusMillis(322).toEpochMilli());
        record.put("channel", new GenericData.EnumSymbol(PAYMENT.getField("channel").schema(), "POS"));
        record.put("tags", List.of("food", "shared"));
        record.put("limits", Map.of("daily", 500L));
        record.put("signature", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("checksum", new GenericData.Fixed(PAYMENT.getField("checksum").schema(), new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        GenericData.Record geo = new GenericData.Record(PAYMENT.getField("geo").schema().getTypes().get(1));
        geo.put("lat", 52.5);
        geo.put("lon", 13.4);
        record.put("geo", geo);
        return record;
    }
}
