package io.streamsuite.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.GeoPoint;
import io.streamsuite.schemas.payments.Transaction;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserRecommendations;
import io.streamsuite.schemas.web.DeviceType;
import io.streamsuite.schemas.web.PageView;

/** Plain Avro binary, no registry: what the serde does underneath, and schema resolution between versions. */
class AvroRoundTripTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-11-25T10:15:30.123Z");

    @Test
    void transactionRoundTripsWithExactDecimalAndMillisTimestamp() {
        Transaction tx = transaction("dev-7");

        Transaction read = roundTrip(tx, Transaction.getClassSchema());

        assertThat(read).isEqualTo(tx);
        assertThat(read.getAmount()).isEqualByComparingTo("899.00").hasScaleOf(2);
        assertThat(read.getEventTime()).isEqualTo(EVENT_TIME);
        assertThat(read.getLocation().getLatitude()).isEqualTo(52.52);
    }

    @Test
    void fraudAlertRoundTripsWithItsReasons() {
        FraudAlert alert = FraudAlert.newBuilder()
                .setAlertId("a-1").setTransactionId("t-1").setCardToken("tok-abc").setCardLast4("4242")
                .setAccountId("acc-1").setScore(85)
                .setReasons(List.of(FraudReason.SMALL_THEN_LARGE, FraudReason.FOREIGN_COUNTRY))
                .setAmount(new BigDecimal("899.00")).setCurrency("EUR")
                .setEventTime(EVENT_TIME).setDetectedAt(EVENT_TIME.plusMillis(40))
                .build();

        assertThat(roundTrip(alert, FraudAlert.getClassSchema())).isEqualTo(alert);
    }

    @Test
    void pageViewRoundTripsWithNullableFieldsUnset() {
        PageView view = PageView.newBuilder()
                .setEventId("e-1").setUserId("u-1").setPage("/products/42")
                .setDevice(DeviceType.MOBILE).setCountry("FR").setHttpStatus(200).setLatencyMs(37L)
                .setEventTime(EVENT_TIME)
                .build();

        PageView read = roundTrip(view, PageView.getClassSchema());

        assertThat(read).isEqualTo(view);
        assertThat(read.getSessionHint()).isNull();
        assertThat(read.getReferrer()).isNull();
    }

    @Test
    void userRecommendationsRoundTripsItsNestedItemsInOrder() {
        UserRecommendations recommendations = UserRecommendations.newBuilder()
                .setUserId("u-1")
                .setItems(List.of(new RecommendedItem("i-9", 0.92), new RecommendedItem("i-3", 0.41)))
                .setUpdatedAt(EVENT_TIME)
                .build();

        UserRecommendations read = roundTrip(recommendations, UserRecommendations.getClassSchema());

        assertThat(read.getItems()).extracting(RecommendedItem::getItemId).containsExactly("i-9", "i-3");
        assertThat(read).isEqualTo(recommendations);
    }

    @Test
    void sensorReadingRoundTrips() {
        SensorReading reading = sensorReading("fw-2.1");

        assertThat(roundTrip(reading, SensorReading.getClassSchema())).isEqualTo(reading);
    }

    @Test
    void transactionWrittenWithV1ReadsWithCurrentAndDeviceIdNull() {
        Schema v1 = history("payments/Transaction/v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("transactionId", "t-1");
        old.put("cardId", "4111111111111111");
        old.put("accountId", "acc-1");
        old.put("amount", new BigDecimal("12.50"));
        old.put("currency", "EUR");
        old.put("merchantId", "m-1");
        old.put("merchantCategory", "5411");
        old.put("country", "DE");
        GenericRecord location = new GenericData.Record(v1.getField("location").schema());
        location.put("latitude", 52.52);
        location.put("longitude", 13.405);
        old.put("location", location);
        old.put("channel", new GenericData.EnumSymbol(v1.getField("channel").schema(), "POS"));
        old.put("eventTime", EVENT_TIME);

        byte[] bytes = encode(old, new GenericDatumWriter<>(v1, genericWithLogicalTypes()));
        Transaction read = decode(bytes, new SpecificDatumReader<>(v1, Transaction.getClassSchema()));

        assertThat(read.getDeviceId()).isNull();
        assertThat(read.getTransactionId()).isEqualTo("t-1");
        assertThat(read.getAmount()).isEqualByComparingTo("12.50");
        assertThat(read.getChannel()).isEqualTo(Channel.POS);
        assertThat(read.getEventTime()).isEqualTo(EVENT_TIME);
    }

    @Test
    void transactionWrittenWithCurrentReadsWithV1IgnoringDeviceId() {
        Schema v1 = history("payments/Transaction/v1.avsc");
        byte[] bytes = encode(transaction("dev-7"), new SpecificDatumWriter<>(Transaction.getClassSchema()));

        GenericRecord read = decode(bytes,
                new GenericDatumReader<>(Transaction.getClassSchema(), v1, genericWithLogicalTypes()));

        assertThat(read.getSchema().getField("deviceId")).isNull();
        assertThat(read.get("transactionId")).hasToString("t-1");
        assertThat(read.get("amount")).isEqualTo(new BigDecimal("899.00"));
        assertThat(read.get("eventTime")).isEqualTo(EVENT_TIME);
    }

    @Test
    void sensorReadingWrittenWithV1ReadsWithCurrentAndFirmwareVersionNull() {
        Schema v1 = history("iot/SensorReading/v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("deviceId", "d-1");
        old.put("sensorType", new GenericData.EnumSymbol(v1.getField("sensorType").schema(), "CO2"));
        old.put("value", 412.0);
        old.put("unit", "ppm");
        old.put("battery", 88.5);
        old.put("eventTime", EVENT_TIME);

        byte[] bytes = encode(old, new GenericDatumWriter<>(v1, genericWithLogicalTypes()));
        SensorReading read = decode(bytes, new SpecificDatumReader<>(v1, SensorReading.getClassSchema()));

        assertThat(read.getFirmwareVersion()).isNull();
        assertThat(read.getSensorType()).isEqualTo(SensorType.CO2);
        assertThat(read.getBattery()).isEqualTo(88.5);
    }

    static Transaction transaction(String deviceId) {
        return Transaction.newBuilder()
                .setTransactionId("t-1").setCardId("4111111111111111").setAccountId("acc-1")
                .setAmount(new BigDecimal("899.00")).setCurrency("EUR")
                .setMerchantId("m-1").setMerchantCategory("5999").setCountry("DE")
                .setLocation(new GeoPoint(52.52, 13.405)).setChannel(Channel.ONLINE)
                .setEventTime(EVENT_TIME).setDeviceId(deviceId)
                .build();
    }

    private static SensorReading sensorReading(String firmware) {
        return SensorReading.newBuilder()
                .setDeviceId("d-1").setSensorType(SensorType.TEMPERATURE).setValue(21.5).setUnit("C")
                .setBattery(null).setEventTime(EVENT_TIME).setFirmwareVersion(firmware)
                .build();
    }

    private static <T extends SpecificRecord> T roundTrip(T record, Schema schema) {
        return decode(encode(record, new SpecificDatumWriter<>(schema)), new SpecificDatumReader<>(schema));
    }

    private static GenericData genericWithLogicalTypes() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }

    private static <T> byte[] encode(T datum, DatumWriter<T> writer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] bytes, org.apache.avro.io.DatumReader<T> reader) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Released versions ship in the jar under schema-history/, so this is how any module loads them. */
    private static Schema history(String path) {
        try (InputStream in = AvroRoundTripTest.class.getResourceAsStream("/schema-history/" + path)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
