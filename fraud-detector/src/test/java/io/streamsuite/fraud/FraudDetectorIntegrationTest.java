package io.streamsuite.fraud;

import static io.streamsuite.fraud.Payments.BERLIN;
import static io.streamsuite.fraud.Payments.NEW_YORK;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a real broker and registry: a mixed stream of normal traffic, every fraud
 * pattern, a poison record and a record of the other Transaction schema version.
 */
@WithKafkaStack
class FraudDetectorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DLQ = FraudTopics.APPLICATION_ID + ".dlq";

    private static final String NORMAL_1 = "4000001111111111";
    private static final String NORMAL_2 = "4000002222222222";
    private static final String VELOCITY = "4000003333333333";
    private static final String CARD_TESTED = "4000004444444444";
    private static final String TRAVELLER = "4000005555555555";
    private static final String BIG_SPENDER = "4000006666666666";
    private static final String OLD_CLIENT = "4000007777777777";
    private static final String UNKNOWN = "4000008888888888";
    private static final List<String> CARDS = List.of(NORMAL_1, NORMAL_2, VELOCITY, CARD_TESTED, TRAVELLER, BIG_SPENDER,
            OLD_CLIENT, UNKNOWN);

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    private static AvroSerdes serdes;
    private static AppInstance fraud;
    private static final List<String> sentIds = new ArrayList<>();

    @BeforeAll
    static void startAndFeed() {
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        profile(Payments.profile("it-acc-big", "DE", "100.00", BASE.minus(Duration.ofDays(1))));
        fraud = FraudInstance.start(Map.of());
        fraud.awaitReady(Duration.ofSeconds(60));

        pay(NORMAL_1, "it-acc-n", "12.00", BASE, BERLIN, "it-n1-1");
        pay(NORMAL_2, "it-acc-n", "40.00", BASE.plusSeconds(2), BERLIN, "it-n2-1");
        for (int i = 0; i < 6; i++) {
            pay(VELOCITY, "it-acc-v", "5.00", BASE.plusSeconds(5 + i * 4L), BERLIN, "it-v-" + i);
        }
        pay(CARD_TESTED, "it-acc-s", "0.50", BASE.plusSeconds(10), BERLIN, "it-s-small");
        pay(CARD_TESTED, "it-acc-s", "899.00", BASE.plusSeconds(50), BERLIN, "it-s-large");
        KafkaStack.produce(FraudTopics.TRANSACTIONS, "poison-it-1".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f});
        pay(TRAVELLER, "it-acc-t", "30.00", BASE.plusSeconds(20), BERLIN, "it-t-berlin");
        pay(TRAVELLER, "it-acc-t", "30.00", BASE.plusSeconds(80), NEW_YORK, "it-t-new-york");
        pay(BIG_SPENDER, "it-acc-big", "900.00", BASE.plusSeconds(30), BERLIN, "it-big");
        payWithV1Schema(OLD_CLIENT, "it-acc-o", "17.50", BASE.plusSeconds(40), "it-v1-old-writer");
        pay(NORMAL_1, "it-acc-n", "8.00", BASE.plusSeconds(60), BERLIN, "it-n1-2");
    }

    @AfterAll
    static void stop() {
        if (fraud != null) {
            fraud.close();
        }
    }

    @Test
    void everyPatternRaisesItsAlertAndNormalTrafficNone() {
        Map<String, FraudAlert> alerts = await(FraudTopics.ALERTS, FraudAlert.class, a -> a.getTransactionId().startsWith("it-"), 4)
                .stream().collect(Collectors.toMap(FraudAlert::getTransactionId, Function.identity()));

        assertThat(alerts.keySet()).containsExactlyInAnyOrder("it-v-5", "it-s-large", "it-t-new-york", "it-big");
        assertThat(alerts.get("it-v-5").getReasons()).containsExactly(FraudReason.VELOCITY);
        assertThat(alerts.get("it-s-large").getReasons()).containsExactly(FraudReason.SMALL_THEN_LARGE);
        assertThat(alerts.get("it-t-new-york").getReasons()).containsExactly(FraudReason.IMPOSSIBLE_TRAVEL);
        assertThat(alerts.get("it-big").getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT);
        assertThat(alerts.get("it-s-large").getCardLast4()).isEqualTo("4444");
    }

    @Test
    void poisonRecordLandsInTheDeadLetterTopicAndTheOtherSchemaVersionIsScored() {
        List<ConsumerRecord<byte[], byte[]>> deadLetters = awaitRaw(DLQ,
                r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals("poison-it-1"), 1);
        assertThat(deadLetters).singleElement().satisfies(r -> assertThat(r.value()).containsExactly(0x13, 0x37, 0x00, 0x42, 0x7f));
        // Over REST the dead letters keep card data hidden: no raw bytes, previews masked.
        String browsed = fraud.getWhenAvailable("/api/dead-letters?limit=50").body();
        assertThat(browsed).contains("\"sourceTopic\":\"" + FraudTopics.TRANSACTIONS + "\"").contains("\"valueBase64\":null").doesNotContain("EzcAQn8");

        List<ScoredTransaction> scored = await(FraudTopics.SCORED, ScoredTransaction.class,
                s -> s.getTransactionId().equals("it-v1-old-writer"), 1);
        assertThat(scored).singleElement().satisfies(s -> {
            assertThat(s.getCardLast4()).isEqualTo("7777");
            assertThat(s.getAmount()).isEqualByComparingTo("17.50");
            assertThat(s.getScore()).isZero();
        });
    }

    @Test
    void scoredTopicHoldsEveryInputTransactionExactlyOnce() {
        List<ScoredTransaction> scored = await(FraudTopics.SCORED, ScoredTransaction.class,
                s -> sentIds.contains(s.getTransactionId()), sentIds.size());
        // Give a duplicate (if any) the time to arrive.
        AppInstance.sleep(2000);
        scored = await(FraudTopics.SCORED, ScoredTransaction.class, s -> sentIds.contains(s.getTransactionId()), sentIds.size());

        Map<String, Long> perId = scored.stream().collect(Collectors.groupingBy(ScoredTransaction::getTransactionId, Collectors.counting()));
        assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(sentIds);
        assertThat(perId.values()).allMatch(count -> count == 1);
    }

    @Test
    void restAnswersTheCardsRiskVelocityAndRecentAlertsWithoutTheCardNumber() {
        await(FraudTopics.SCORED, ScoredTransaction.class, s -> sentIds.contains(s.getTransactionId()), sentIds.size());

        HttpResponse<String> risk = fraud.postWhenAvailable("/api/cards/risk", lookup(CARD_TESTED));
        assertThat(risk.statusCode()).isEqualTo(200);
        JsonNode profile = JSON.readTree(risk.body());
        assertThat(profile.get("cardLast4").asString()).isEqualTo("4444");
        assertThat(profile.get("alertCount").asLong()).isEqualTo(1);
        assertThat(profile.get("lastScore").asInt()).isEqualTo(60);
        assertThat(profile.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(risk.body()).doesNotContain(CARD_TESTED);

        HttpResponse<String> unknown = fraud.postWhenAvailable("/api/cards/risk", lookup(UNKNOWN));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(unknown.body()).doesNotContain(UNKNOWN);
        assertThat(JSON.readTree(unknown.body()).get("instance").asString()).isEqualTo("/api/cards/risk");

        assertThat(fraud.post("/api/cards/risk", "").statusCode()).isEqualTo(400);
        assertThat(fraud.post("/api/cards/risk", "{\"cardNumber\":").statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = fraud.post("/api/cards/risk", lookup("12ab"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("detail").asString()).contains("12 to 19 digits");

        HttpResponse<String> velocity = fraud.postWhenAvailable("/api/cards/velocity",
                velocityLookup(VELOCITY, BASE.minusSeconds(60), BASE.plusSeconds(60)));
        assertThat(velocity.statusCode()).isEqualTo(200);
        JsonNode windows = JSON.readTree(velocity.body()).get("windows");
        long busiest = 0;
        for (JsonNode window : windows) {
            busiest = Math.max(busiest, window.get("count").asLong());
        }
        assertThat(busiest).isEqualTo(6);
        assertThat(fraud.post("/api/cards/velocity", velocityLookup(VELOCITY, BASE, BASE.minusSeconds(1))).statusCode())
                .isEqualTo(400);
        assertThat(fraud.post("/api/cards/velocity", "{\"cardNumber\":\"" + VELOCITY + "\",\"from\":\"yesterday\"}").statusCode())
                .isEqualTo(400);

        // Other tests of this JVM raise alerts too (newer ones come first): walk the pages, keep this test's.
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            HttpResponse<String> recent = fraud.getWhenAvailable("/api/alerts?limit=50"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(recent.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(recent.body());
            body.get("items").forEach(item -> ids.add(item.get("transactionId").asString()));
            cursor = body.get("nextCursor") == null || body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
            if (cursor == null) {
                break;
            }
        }
        assertThat(ids.stream().filter(id -> id.startsWith("it-")).toList())
                .containsSubsequence("it-t-new-york", "it-s-large", "it-big", "it-v-5");

        String apiDocs = fraud.get("/v3/api-docs").body();
        assertThat(apiDocs).contains("/api/cards/risk", "/api/cards/velocity", "/api/alerts",
                "Risk profile of a card", "Most recent alerts, newest first");
    }

    static String lookup(String cardNumber) {
        return "{\"cardNumber\":\"" + cardNumber + "\"}";
    }

    private static String velocityLookup(String cardNumber, Instant from, Instant to) {
        return "{\"cardNumber\":\"" + cardNumber + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    @Test
    void noCardNumberIsInAnyTopicTheServiceWrites() throws Exception {
        await(FraudTopics.SCORED, ScoredTransaction.class, s -> sentIds.contains(s.getTransactionId()), sentIds.size());
        Set<String> topics;
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            topics = admin.listTopics().names().get();
        }
        List<String> scanned = new ArrayList<>();
        int records = 0;
        for (String topic : topics) {
            if (topic.startsWith("__") || topic.equals(FraudTopics.TRANSACTIONS)) {
                continue;
            }
            scanned.add(topic);
            for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(topic)) {
                records++;
                String bytes = latin1(record.key()) + "|" + latin1(record.value());
                for (String card : CARDS) {
                    assertThat(bytes).as("a record of %s", topic).doesNotContain(card);
                }
            }
        }
        assertThat(scanned).contains(FraudTopics.SCORED, FraudTopics.ALERTS, FraudTopics.CARD_RISK, DLQ,
                "fraud-detector-fraud.card-risk-changelog", "fraud-detector-fraud.card-state-changelog");
        // Every scored record plus the changelogs, card risks and alerts (no repartition topics any more).
        assertThat(records).isGreaterThan(sentIds.size());
    }

    private static void pay(String card, String account, String amount, Instant at, io.streamsuite.schemas.payments.GeoPoint where,
                            String id) {
        Transaction tx = Payments.card(card).account(account).amount(amount).at(at)
                .in(where == NEW_YORK ? "US" : "DE", where).id(id).build();
        KafkaStack.produce(FraudTopics.TRANSACTIONS, card, tx, Serdes.String().serializer(),
                serdes.valueSerde(Transaction.class).serializer());
        sentIds.add(id);
    }

    /** A Transaction written by a client still on the v1 schema (no deviceId), as a GenericRecord. */
    private static void payWithV1Schema(String card, String account, String amount, Instant at, String id) {
        Schema v1;
        try (InputStream in = FraudDetectorIntegrationTest.class.getResourceAsStream("/schema-history/payments/Transaction/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(v1.getField("deviceId")).isNull();
        Transaction current = Payments.card(card).account(account).amount(amount).at(at).id(id).build();
        GenericRecord record = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            Object value = current.get(field.name());
            if (value instanceof BigDecimal decimal) {
                Schema bytesSchema = field.schema();
                value = new Conversions.DecimalConversion().toBytes(decimal, bytesSchema,
                        LogicalTypes.decimal(12, 2));
            } else if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                value = new GenericData.EnumSymbol(field.schema(), symbol.name());
            } else if (value instanceof io.streamsuite.schemas.payments.GeoPoint point) {
                GenericRecord geo = new GenericData.Record(field.schema());
                geo.put("latitude", point.getLatitude());
                geo.put("longitude", point.getLongitude());
                value = geo;
            }
            record.put(field.name(), value);
        }
        assertThat(record.get("amount")).isInstanceOf(ByteBuffer.class);
        KafkaStack.produce(FraudTopics.TRANSACTIONS, card, record, Serdes.String().serializer(),
                serdes.genericValueSerde().serializer());
        sentIds.add(id);
    }

    private static void profile(AccountProfile profile) {
        KafkaStack.produce(FraudTopics.ACCOUNTS, profile.getAccountId(), profile, Serdes.String().serializer(),
                serdes.valueSerde(AccountProfile.class).serializer());
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> await(String topic, Class<T> type,
                                                                                    Predicate<T> matching, int expected) {
        var deserializer = serdes.valueSerde(type).deserializer();
        return KafkaStack.awaitSelected(topic, records -> records
                .map(r -> deserializer.deserialize(topic, r.headers(), r.value())).filter(matching), expected, WAIT);
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitRaw(String topic, Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                                 int expected) {
        return KafkaStack.awaitSelected(topic, records -> records.filter(matching), expected, WAIT);
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

}
