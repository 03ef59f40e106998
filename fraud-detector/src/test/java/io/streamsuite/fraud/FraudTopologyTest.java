package io.streamsuite.fraud;

import static io.streamsuite.fraud.Payments.ACCOUNT;
import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.CARD_B;
import static io.streamsuite.fraud.Payments.CARD_C;
import static io.streamsuite.fraud.Payments.NEW_YORK;
import static io.streamsuite.fraud.Payments.PARIS;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static io.streamsuite.fraud.Payments.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.CardStatus;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class FraudTopologyTest {

    @Test
    void everyTransactionIsScoredOnceKeyedByTokenWithOnlyTheLastFourDigits() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).id("a-1").at(T0), card(CARD_B).id("b-1").at(T0.plusSeconds(1)));

            List<TestRecord<String, ScoredTransaction>> scored = fraud.scoredRecords();
            assertThat(scored).extracting(TestRecord::key).containsExactly(fraud.tokenOf(CARD_A), fraud.tokenOf(CARD_B));
            assertThat(scored).extracting(r -> r.value().getCardLast4()).containsExactly("1111", "5559");
            assertThat(scored).extracting(r -> r.value().getScore()).containsExactly(0, 0);
            assertThat(scored.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
        }
    }

    @Test
    void hitsAddUpAndAScoreAtTheBlockThresholdBlocksTheCardForGood() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0),
                    // Small-then-large (60) and impossible travel (70): 100, at or above the block threshold (90).
                    card(CARD_A).amount("899.00").in("US", NEW_YORK).at(T0.plusSeconds(30)).id("blocking"),
                    card(CARD_A).amount("10.00").in("US", NEW_YORK).at(T0.plusSeconds(7200)).id("after-block"));

            List<FraudAlert> alerts = fraud.alerts();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.getScore()).isEqualTo(100);
                assertThat(alert.getReasons()).containsExactly(FraudReason.SMALL_THEN_LARGE, FraudReason.IMPOSSIBLE_TRAVEL);
            });
            CardRiskProfile risk = fraud.cardRisk().get(fraud.tokenOf(CARD_A));
            assertThat(risk.getStatus()).isEqualTo(CardStatus.BLOCKED);
            assertThat(risk.getLastScore()).isZero();
            assertThat(risk.getAlertCount()).isEqualTo(1);
            assertThat(risk.getLastTransactionId()).isEqualTo("after-block");
            assertThat(risk.getCardLast4()).isEqualTo("1111");
        }
    }

    @Test
    void cardBelowTheBlockThresholdStaysActiveAndCountsItsAlerts() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0), card(CARD_A).amount("899.00").at(T0.plusSeconds(10)),
                    card(CARD_A).amount("999.00").at(T0.plusSeconds(20)));

            CardRiskProfile risk = fraud.cardRisk().get(fraud.tokenOf(CARD_A));
            assertThat(risk.getStatus()).isEqualTo(CardStatus.ACTIVE);
            assertThat(risk.getAlertCount()).isEqualTo(2);
            assertThat(risk.getLastScore()).isEqualTo(60);
        }
    }

    @Test
    void cardRiskIsPublishedOnlyWhenScoreAlertsOrStatusChangeWhileTheStoreFollowsEveryTransaction() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0).id("first"), card(CARD_A).at(T0.plusSeconds(20)).id("same-again"),
                    card(CARD_A).amount("0.50").at(T0.plusSeconds(40)).id("small"),
                    card(CARD_A).amount("899.00").at(T0.plusSeconds(50)).id("large"),
                    card(CARD_A).at(T0.plusSeconds(300)).id("calm"), card(CARD_A).at(T0.plusSeconds(400)).id("calm-again"));

            assertThat(fraud.scored()).hasSize(6);
            // first (new card), large (score 60, one alert), calm (score back to 0); the others change nothing.
            assertThat(fraud.cardRiskUpdates()).extracting(CardRiskProfile::getLastTransactionId)
                    .containsExactly("first", "large", "calm");
            KeyValueStore<String, CardRiskProfile> risks = fraud.driver().getKeyValueStore(FraudTopics.CARD_RISK_STORE);
            CardRiskProfile stored = risks.get(fraud.tokenOf(CARD_A));
            assertThat(stored.getLastTransactionId()).isEqualTo("calm-again");
            assertThat(stored.getAlertCount()).isEqualTo(1);
            assertThat(stored.getLastScore()).isZero();
        }
    }

    @Test
    void noCardNumberIsWrittenAnywhereNotEvenInRepartitionAndChangelogTopics() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0.minusSeconds(60)));
            fraud.pay(card(CARD_A).amount("0.50").at(T0), card(CARD_A).amount("899.00").in("FR", PARIS).at(T0.plusSeconds(20)),
                    card(CARD_B).at(T0.plusSeconds(30)), card(CARD_C).in("US", NEW_YORK).at(T0.plusSeconds(40)));
            fraud.pay(card(CARD_C).at(T0.plusSeconds(50)));

            assertThat(fraud.topicsWritten()).contains(FraudTopics.SCORED, FraudTopics.ALERTS, FraudTopics.CARD_RISK,
                    "fraud-detector-fraud.card-risk-changelog", "fraud-detector-fraud.card-activity-changelog",
                    "fraud-detector-fraud.pending-small-changelog", "fraud-detector-fraud.velocity-changelog",
                    "fraud-detector-fraud.recent-alerts-changelog");
            List<String> written = new ArrayList<>();
            for (TestRecord<byte[], byte[]> record : fraud.everythingWritten()) {
                written.add(text(record.key()) + "|" + text(record.value()));
            }
            assertThat(written).hasSizeGreaterThan(10);
            for (String cardNumber : List.of(CARD_A, CARD_B, CARD_C)) {
                assertThat(written).noneMatch(bytes -> bytes.contains(cardNumber));
            }
            KeyValueStore<String, CardRiskProfile> risks = fraud.driver().getKeyValueStore(FraudTopics.CARD_RISK_STORE);
            assertThat(risks.get(fraud.tokenOf(CARD_A)).getCardLast4()).isEqualTo("1111");
            assertThat(risks.get(CARD_A)).isNull();
        }
    }

    @Test
    void recentAlertsAreNewestFirstAndTrimmedToTheConfiguredSize() {
        FraudProperties properties = new FraudProperties();
        properties.getAlerts().setRecentPerPartition(2);
        try (FraudDriver fraud = new FraudDriver(FraudSettings.defaults(properties))) {
            for (int i = 0; i < 3; i++) {
                fraud.pay(card(CARD_A).amount("0.50").at(T0.plusSeconds(i * 100L)),
                        card(CARD_A).amount("899.00").at(T0.plusSeconds(i * 100L + 10)).id("large-" + i));
            }

            KeyValueStore<String, FraudAlert> recent = fraud.driver().getKeyValueStore(FraudTopics.RECENT_ALERTS_STORE);
            assertThat(transactionIds(recent)).containsExactly("large-2", "large-1", "large-0");

            fraud.advanceWallClock(Duration.ofSeconds(31));

            assertThat(transactionIds(recent)).containsExactly("large-2", "large-1");
        }
    }

    @Test
    void oneSubTopologyWithoutRepartitionProfilesInAGlobalStoreAndStableNames() {
        TopologyDescription description = FraudTopology.build(FraudSettings.defaults(),
                io.streamsuite.kit.serde.AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://names"))).describe();
        String text = description.toString();

        assertThat(text).contains("transactions-source", "card-rules", "fraud.velocity", "fraud.card-risk",
                "accounts-source", "fraud.account-profiles");
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-", "repartition");
        assertThat(description.subtopologies()).singleElement()
                .satisfies(sub -> assertThat(sub.toString()).doesNotContain("fraud.account-profiles"));
        assertThat(description.globalStores()).singleElement()
                .satisfies(global -> assertThat(global.source().topicSet()).containsExactly(FraudTopics.ACCOUNTS));
    }

    private static List<String> transactionIds(KeyValueStore<String, FraudAlert> store) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, FraudAlert> all = store.all()) {
            all.forEachRemaining((KeyValue<String, FraudAlert> entry) -> ids.add(entry.value.getTransactionId()));
        }
        return ids;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
