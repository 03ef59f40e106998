package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.query.RoutingKey;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two instances of the service share the cards; either answers any card's risk from its owner. */
@WithKafkaStack
class TwoInstancesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CARDS = 12;
    private static final List<String> cards = new ArrayList<>();
    private static final Map<String, String> lastTransaction = new HashMap<>();
    private static AppInstance first;
    private static AppInstance second;

    @BeforeAll
    static void startTwoAndFeed() {
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        first = FraudInstance.start(Map.of());
        second = FraudInstance.start(Map.of());
        first.awaitReady(Duration.ofSeconds(60));
        second.awaitReady(Duration.ofSeconds(60));

        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        Instant base = Instant.now().minus(Duration.ofMinutes(2));
        for (int i = 0; i < CARDS; i++) {
            String card = String.format("52000000%08d", i * 7919);
            cards.add(card);
            for (int n = 0; n < 2; n++) {
                String id = "two-" + i + "-" + n;
                Transaction tx = Payments.card(card).account("two-acc-" + i).amount(n == 0 ? "0.40" : "650.00")
                        .at(base.plusSeconds(i + n * 20L)).id(id).build();
                KafkaStack.produce(FraudTopics.TRANSACTIONS, card, tx, Serdes.String().serializer(),
                        serdes.valueSerde(Transaction.class).serializer());
                lastTransaction.put(card, id);
            }
        }
        var scored = serdes.valueSerde(ScoredTransaction.class).deserializer();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && KafkaStack.readAll(FraudTopics.SCORED).stream()
                .map(r -> scored.deserialize(FraudTopics.SCORED, r.headers(), r.value()))
                .filter(s -> s.getTransactionId().startsWith("two-")).count() < CARDS * 2L) {
            AppInstance.sleep(500);
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void eitherInstanceAnswersTheRiskOfCardsOwnedByEach() {
        assertThat(first.bean(KafkaStreamsRunner.class).applicationServer()).isNotEqualTo(second.bean(KafkaStreamsRunner.class).applicationServer());
        awaitBothOwnTasks();

        Set<String> owners = new HashSet<>();
        var token = FraudSettings.defaults().cardToken();
        for (String card : cards) {
            // Keyed by the token, partitioned by the card number: the owner is the card number's partition's.
            RoutingKey byCard = RoutingKey.of(Serdes.String().serializer().serialize(FraudTopics.TRANSACTIONS, card));
            KeyQueryMetadata owner = first.bean(KafkaStreamsRunner.class).streams().orElseThrow().queryMetadataForKey(FraudTopics.CARD_RISK_STORE,
                    token.tokenOf(card), (topic, key, value, partitions) -> Optional.of(Set.of(byCard.partition(partitions))));
            owners.add(owner.activeHost().host() + ":" + owner.activeHost().port());
            for (AppInstance asked : List.of(first, second)) {
                HttpResponse<String> answer = asked.postWhenAvailable("/api/cards/risk", FraudDetectorIntegrationTest.lookup(card));
                assertThat(answer.statusCode()).as("card ending %s asked at %s: %s", card.substring(12), asked.baseUrl(),
                        answer.body()).isEqualTo(200);
                JsonNode risk = JSON.readTree(answer.body());
                assertThat(risk.get("lastTransactionId").asString()).isEqualTo(lastTransaction.get(card));
                assertThat(risk.get("cardLast4").asString()).isEqualTo(card.substring(card.length() - 4));
                assertThat(risk.get("alertCount").asLong()).isEqualTo(1);
                assertThat(risk.get("lastScore").asInt()).isEqualTo(60);
            }
        }
        assertThat(owners).containsExactlyInAnyOrder(first.bean(KafkaStreamsRunner.class).applicationServer(), second.bean(KafkaStreamsRunner.class).applicationServer());
    }

    /** After the second instance joined, Streams may take a probing rebalance or two to settle. */
    private static void awaitBothOwnTasks() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (hasActiveTasks(first.bean(KafkaStreamsRunner.class).streams().orElseThrow()) && hasActiveTasks(second.bean(KafkaStreamsRunner.class).streams().orElseThrow())) {
                return;
            }
            AppInstance.sleep(250);
        }
    }

    private static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
    }
}
