package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's reprocessing recipe with the real service: while fraud-detector v1 runs, a second deployment under a
 * new application id with {@code streams-kit.output-version=v2} starts from the earliest input and writes the same
 * scored transactions, alerts and card risks into {@code payments.transactions.scored.v2}, {@code fraud.alerts.v2}
 * and {@code fraud.card-risk.v2}, partition by partition and each card's in the same order, and nothing into v1's
 * topics.
 */
@WithKafkaStack
class FraudReprocessingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CARDS = 8;

    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
    private final String run = KafkaStack.uniqueName("reproc");
    private final Predicate<String> ours = id -> id.startsWith(run + "-");

    @Test
    void aV2DeploymentFromTheEarliestInputWritesTheSameRecordsIntoItsVersionedTopicsWhileV1Runs() throws Exception {
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        String v1Id = KafkaStack.uniqueName("fraud-detector");
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            cards.add(String.format("53%06d%08d", Math.abs(run.hashCode()) % 1_000_000, i * 7919));
        }
        Instant base = Instant.now().minus(Duration.ofMinutes(5));

        try (AppInstance v1 = FraudInstance.start(Map.of("streams-kit.application-id", v1Id))) {
            v1.awaitReady(WAIT);
            // Before v2 exists: a small payment then a large one per card, an alert each (small-then-large).
            for (int i = 0; i < CARDS; i++) {
                pay(cards.get(i), "a-" + i + "-0", "0.40", base.plusSeconds(i));
                pay(cards.get(i), "a-" + i + "-1", "650.00", base.plusSeconds(i + 20L));
            }
            assertThat(awaitScored(FraudTopics.SCORED, 2 * CARDS)).hasSize(2 * CARDS);

            try (AppInstance v2 = FraudInstance.start(Map.of("streams-kit.application-id", v1Id + "-v2",
                    "streams-kit.output-version", "v2"))) {
                v2.awaitReady(WAIT);
                // While both run: each card pays once more, which both see; the history only v2 reads from the start.
                for (int i = 0; i < CARDS; i++) {
                    pay(cards.get(i), "b-" + i, "700.00", base.plusSeconds(60L + i));
                }
                int total = 3 * CARDS;
                Map<Integer, List<ConsumerRecord<String, ScoredTransaction>>> v1Scored =
                        perPartition(awaitScored(FraudTopics.SCORED, total));
                Map<Integer, List<ConsumerRecord<String, ScoredTransaction>>> v2Scored =
                        perPartition(awaitScored(FraudTopics.SCORED + ".v2", total));

                assertThat(count(v2Scored)).isEqualTo(total);
                assertThat(count(v1Scored)).as("v2 wrote nothing into v1's topic: each transaction once").isEqualTo(total);
                assertThat(v2Scored.keySet()).isEqualTo(v1Scored.keySet()).hasSizeGreaterThan(1);
                v1Scored.forEach((partition, records) -> {
                    assertThat(keysAndValues(v2Scored.get(partition), Function.identity()))
                            .as("scored transactions of partition %s, each card's in order", partition)
                            .isEqualTo(keysAndValues(records, Function.identity()));
                });

                Function<FraudAlert, FraudAlert> withoutWallClock =
                        alert -> FraudAlert.newBuilder(alert).setDetectedAt(Instant.EPOCH).build();
                Map<Integer, List<ConsumerRecord<String, FraudAlert>>> v1Alerts =
                        perPartition(await(FraudTopics.ALERTS, FraudAlert.class, FraudAlert::getTransactionId, CARDS));
                Map<Integer, List<ConsumerRecord<String, FraudAlert>>> v2Alerts =
                        perPartition(await(FraudTopics.ALERTS + ".v2", FraudAlert.class, FraudAlert::getTransactionId, CARDS));
                assertThat(count(v1Alerts)).as("small then large, then large again: an alert each").isEqualTo(2 * CARDS)
                        .isEqualTo(count(v2Alerts));
                v1Alerts.forEach((partition, records) -> assertThat(keysAndValues(v2Alerts.get(partition), withoutWallClock))
                        .as("alerts of partition %s, each card's in order, all fields but detectedAt", partition)
                        .isEqualTo(keysAndValues(records, withoutWallClock)));

                // Under exactly-once a record's scored, alert and risk outputs commit together: all are there now.
                Function<CardRiskProfile, CardRiskProfile> riskWithoutWallClock =
                        risk -> CardRiskProfile.newBuilder(risk).setUpdatedAt(Instant.EPOCH).build();
                Map<Integer, List<ConsumerRecord<String, CardRiskProfile>>> v1Risk = perPartition(
                        await(FraudTopics.CARD_RISK, CardRiskProfile.class, CardRiskProfile::getLastTransactionId, CARDS));
                Map<Integer, List<ConsumerRecord<String, CardRiskProfile>>> v2Risk = perPartition(
                        await(FraudTopics.CARD_RISK + ".v2", CardRiskProfile.class, CardRiskProfile::getLastTransactionId, CARDS));
                assertThat(v1Risk.values().stream().flatMap(List::stream).map(ConsumerRecord::key).distinct()).hasSize(CARDS);
                assertThat(count(v2Risk)).isEqualTo(count(v1Risk));
                v1Risk.forEach((partition, records) -> assertThat(keysAndValues(v2Risk.get(partition), riskWithoutWallClock))
                        .as("card risks of partition %s, each card's in order, all fields but updatedAt", partition)
                        .isEqualTo(keysAndValues(records, riskWithoutWallClock)));

                // Readers of the REST API switch too: v2's own stores answer as v1's do.
                for (String card : cards) {
                    JsonNode fromV1 = risk(v1, card);
                    JsonNode fromV2 = risk(v2, card);
                    assertThat(fromV2.get("alertCount").asLong()).isEqualTo(fromV1.get("alertCount").asLong()).isPositive();
                    assertThat(fromV2.get("lastTransactionId").asString()).isEqualTo(fromV1.get("lastTransactionId").asString())
                            .endsWith("b-" + cards.indexOf(card));
                }
                JsonNode topology = JSON.readTree(v2.getWhenAvailable("/api/topology").body());
                assertThat(topology.get("sinkTopics")).extracting(JsonNode::asString)
                        .containsExactlyInAnyOrder("payments.transactions.scored.v2", "fraud.alerts.v2", "fraud.card-risk.v2");
                assertThat(topology.get("sourceTopics")).extracting(JsonNode::asString)
                        .contains(FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS, FraudTopics.EXCHANGE_RATES);
            }
        }
        assertThat(cleanupPolicy("fraud.card-risk.v2")).as("created as declared: compacted").isEqualTo("compact");
        assertThat(cleanupPolicy("fraud.alerts.v2")).isEqualTo("delete");
    }

    private void pay(String card, String id, String amount, Instant at) {
        Transaction tx = Payments.card(card).account(run + "-acc-" + card.substring(12)).amount(amount).at(at)
                .id(run + "-" + id).build();
        KafkaStack.produce(FraudTopics.TRANSACTIONS, card, tx, Serdes.String().serializer(),
                serdes.valueSerde(Transaction.class).serializer());
    }

    private List<ConsumerRecord<String, ScoredTransaction>> awaitScored(String topic, int expected) {
        return await(topic, ScoredTransaction.class, ScoredTransaction::getTransactionId, expected);
    }

    /** This run's records of the topic once at least {@code expected} arrived (or the wait ran out), in topic order. */
    private <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(
            String topic, Class<V> type, Function<V, String> transactionId, int expected) {
        Deserializer<V> values = serdes.valueSerde(type).deserializer();
        return KafkaStack.awaitSelected(topic, records -> records
                .map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                        Serdes.String().deserializer().deserialize(topic, r.key()),
                        values.deserialize(topic, r.headers(), r.value())))
                .filter(r -> r.value() != null && ours.test(transactionId.apply(r.value()))), expected, WAIT);
    }

    private static JsonNode risk(AppInstance app, String card) {
        HttpResponse<String> answer = app.postWhenAvailable("/api/cards/risk", FraudDetectorIntegrationTest.lookup(card));
        assertThat(answer.statusCode()).as("risk of card %s at %s: %s", card, app.baseUrl(), answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static <V> Map<Integer, List<ConsumerRecord<String, V>>> perPartition(List<ConsumerRecord<String, V>> records) {
        Map<Integer, List<ConsumerRecord<String, V>>> byPartition = new TreeMap<>();
        records.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
        return byPartition;
    }

    /**
     * Each key's values in partition order. Outputs are keyed by the card token, inputs by the card number: one output
     * partition mixes several input partitions, whose interleaving depends on timing; each card's order does not.
     */
    private static <V> Map<String, List<V>> keysAndValues(List<ConsumerRecord<String, V>> records, Function<V, V> comparable) {
        Map<String, List<V>> byKey = new TreeMap<>();
        records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(comparable.apply(r.value())));
        return byKey;
    }

    private static int count(Map<Integer, ? extends List<?>> byPartition) {
        return byPartition.values().stream().mapToInt(List::size).sum();
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (Admin admin = Admin.create(new LinkedHashMap<>(KafkaStack.clientConfig()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            return config.get("cleanup.policy").value();
        }
    }
}
