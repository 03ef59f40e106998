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

import io.streamsuite.fraud.card.CardProcessor;
import io.streamsuite.fraud.card.CardState;
import io.streamsuite.fraud.card.IdleCards;
import io.streamsuite.kit.deadletter.DeadLetterHeader;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.CardStatus;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void cardRiskIsPublishedAndStoredOnlyWhenScoreAlertsOrStatusChange() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0).id("first"), card(CARD_A).at(T0.plusSeconds(20)).id("same-again"),
                    card(CARD_A).amount("0.50").at(T0.plusSeconds(40)).id("small"),
                    card(CARD_A).amount("899.00").at(T0.plusSeconds(50)).id("large"),
                    card(CARD_A).at(T0.plusSeconds(300)).id("calm"), card(CARD_A).at(T0.plusSeconds(400)).id("calm-again"));

            assertThat(fraud.scored()).hasSize(6);
            // first (new card), large (score 60, one alert), calm (score back to 0); the others change nothing.
            assertThat(fraud.cardRiskUpdates()).extracting(CardRiskProfile::getLastTransactionId)
                    .containsExactly("first", "large", "calm");
            // The store is written only on those changes too: no changelog record for the other three.
            KeyValueStore<String, CardRiskProfile> risks = fraud.driver().getKeyValueStore(FraudTopics.CARD_RISK_STORE);
            CardRiskProfile stored = risks.get(fraud.tokenOf(CARD_A));
            assertThat(stored.getLastTransactionId()).isEqualTo("calm");
            assertThat(fraud.written("fraud-detector-fraud.card-risk-changelog")).hasSize(3);
            assertThat(fraud.written("fraud-detector-fraud.card-state-changelog")).hasSize(6);
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
                    "fraud-detector-fraud.card-risk-changelog", "fraud-detector-fraud.card-state-changelog",
                    "fraud-detector-fraud.card-idle-changelog",
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

        assertThat(text).contains("transactions-source", "card-rules", "fraud.card-state", "fraud.card-risk",
                "accounts-source", "fraud.account-profile-history", "exchange-rates-source", "fraud.exchange-rates");
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-", "repartition");
        assertThat(description.subtopologies()).singleElement()
                .satisfies(sub -> assertThat(sub.toString()).doesNotContain("fraud.account-profile-history"));
        assertThat(description.globalStores()).extracting(global -> global.source().topicSet())
                .containsExactlyInAnyOrder(Set.of(FraudTopics.ACCOUNTS), Set.of(FraudTopics.EXCHANGE_RATES));
    }

    /**
     * A far-future event time used to move stream time: every later transaction was late for velocity and
     * the pending small payments were swept. Now it is a dead letter saying why, and time stays put.
     */
    @Test
    void farFutureEventTimeIsADeadLetterWithItsReasonAndDoesNotMoveStreamTime() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0).id("small"));
            fraud.pay(card(CARD_B).at(Instant.parse("2100-01-01T00:00:00Z")).id("from-the-future"));
            for (int i = 0; i < 6; i++) {
                fraud.pay(card(CARD_C).at(T0.plusSeconds(1 + i * 5L)).id("c-" + i));
            }
            fraud.pay(card(CARD_A).amount("899.00").at(T0.plusSeconds(40)).id("large"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored).extracting(ScoredTransaction::getTransactionId).doesNotContain("from-the-future").hasSize(8);
            assertThat(fraud.lateRecords()).isZero();
            assertThat(scored.get(6).getReasons()).containsExactly(FraudReason.VELOCITY);
            assertThat(scored.get(7).getReasons()).containsExactly(FraudReason.SMALL_THEN_LARGE);
            assertThat(fraud.deadLetters()).singleElement().satisfies(dead -> {
                String message = DeadLetterHeader.MESSAGE.read(dead.headers());
                assertThat(message).contains("2100-01-01T00:00:00Z", "ahead of the wall clock", "fraud.event-time.max-ahead");
                assertThat(text(dead.key())).isEqualTo(CARD_B);
            });
        }
    }

    @Test
    void negativeEventTimeIsADeadLetterNotASilentDrop() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(Instant.ofEpochMilli(-5_000)).id("before-1970"), card(CARD_A).at(T0).id("fine"));

            assertThat(fraud.scored()).extracting(ScoredTransaction::getTransactionId).containsExactly("fine");
            assertThat(fraud.deadLetters()).singleElement()
                    .satisfies(dead -> assertThat(DeadLetterHeader.MESSAGE.read(dead.headers())).contains("-5000 ms", "is negative"));
        }
    }

    @Test
    void eventTimeBoundsAcceptUpToTheConfiguredSkewAhead() {
        FraudProperties properties = new FraudProperties();
        properties.getEventTime().setMaxAhead(Duration.ofMinutes(10));
        try (FraudDriver fraud = new FraudDriver(FraudSettings.defaults(properties))) {
            Instant now = Instant.now();
            fraud.pay(card(CARD_A).at(now.plusSeconds(300)).id("five-minutes-ahead"),
                    card(CARD_B).at(now.plusSeconds(3600)).id("an-hour-ahead"));

            assertThat(fraud.scored()).extracting(ScoredTransaction::getTransactionId).containsExactly("five-minutes-ahead");
            assertThat(fraud.deadLetters()).hasSize(1);
        }
    }

    @Test
    void cardsIdleForTheConfiguredTimeAreForgottenApartFromABlock() {
        FraudProperties properties = new FraudProperties();
        properties.getCards().setIdleAfter(Duration.ofHours(1));
        try (FraudDriver fraud = new FraudDriver(FraudSettings.defaults(properties))) {
            fraud.pay(card(CARD_A).at(T0).id("a-berlin"),
                    // Card B is blocked: small-then-large (60) and impossible travel (70).
                    card(CARD_B).at(T0).id("b-berlin"), card(CARD_B).amount("0.50").at(T0.plusSeconds(1)),
                    card(CARD_B).amount("899.00").in("US", NEW_YORK).at(T0.plusSeconds(30)),
                    card(CARD_C).at(T0.plusSeconds(1800)).id("c-recent"));
            KeyValueStore<String, CardState> states = fraud.driver().getKeyValueStore(FraudTopics.CARD_STATE_STORE);
            KeyValueStore<String, CardRiskProfile> risks = fraud.driver().getKeyValueStore(FraudTopics.CARD_RISK_STORE);
            assertThat(states.get(fraud.tokenOf(CARD_A))).isNotNull();
            assertThat(risks.get(fraud.tokenOf(CARD_B)).getStatus()).isEqualTo(CardStatus.BLOCKED);

            // Stream time two hours on: A and B are idle, C (seen 30 min after them) too only after 2.5 h.
            fraud.pay(card(CARD_C).at(T0.plusSeconds(2 * 3600 + 60)).id("c-later"));

            assertThat(states.get(fraud.tokenOf(CARD_A))).isNull();
            assertThat(risks.get(fraud.tokenOf(CARD_A))).isNull();
            assertThat(states.get(fraud.tokenOf(CARD_B))).isNull();
            assertThat(risks.get(fraud.tokenOf(CARD_B)).getStatus()).as("a block is for good").isEqualTo(CardStatus.BLOCKED);
            assertThat(states.get(fraud.tokenOf(CARD_C))).isNotNull();
            assertThat(fraud.metricTotal(CardProcessor.CARDS_FORGOTTEN_METRIC)).isEqualTo(2.0);
            KeyValueStore<String, Long> index = fraud.driver().getKeyValueStore(FraudTopics.CARD_IDLE_STORE);
            List<String> indexed = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = index.all()) {
                all.forEachRemaining(entry -> indexed.add(entry.key));
            }
            assertThat(indexed).as("the visited entries are gone").allMatch(key -> key.endsWith(fraud.tokenOf(CARD_C)));

            // A forgotten card starts afresh: New York an hour later is no impossible travel from a Berlin it forgot.
            fraud.pay(card(CARD_A).in("US", NEW_YORK).at(T0.plusSeconds(2 * 3600 + 120)).id("a-new-york"));
            assertThat(fraud.scored()).filteredOn(tx -> tx.getTransactionId().equals("a-new-york"))
                    .singleElement().satisfies(tx -> assertThat(tx.getReasons()).isEmpty());
        }
    }

    @Test
    void aBacklogOfIdleCardsIsForgottenAFewAtATimeSecondBySecondNotInOnePunctuation() {
        FraudProperties properties = new FraudProperties();
        properties.getCards().setIdleAfter(Duration.ofHours(1));
        properties.getCards().setForgetPerVisit(1);
        try (FraudDriver fraud = new FraudDriver(FraudSettings.defaults(properties))) {
            fraud.pay(card(CARD_A).at(T0).id("a"), card(CARD_B).at(T0).id("b"), card(CARD_C).at(T0).id("c"));
            KeyValueStore<String, CardState> states = fraud.driver().getKeyValueStore(FraudTopics.CARD_STATE_STORE);

            // Stream time two hours on (C's second payment): A and B are idle, C is not.
            fraud.pay(card(CARD_C).at(T0.plusSeconds(2 * 3600)).id("c-later"));
            assertThat(fraud.metricTotal(CardProcessor.CARDS_FORGOTTEN_METRIC)).as("one per visit").isEqualTo(1.0);

            fraud.advanceWallClock(IdleCards.BACKLOG_INTERVAL);
            assertThat(fraud.metricTotal(CardProcessor.CARDS_FORGOTTEN_METRIC)).isEqualTo(2.0);
            assertThat(states.get(fraud.tokenOf(CARD_A))).isNull();
            assertThat(states.get(fraud.tokenOf(CARD_B))).isNull();

            fraud.advanceWallClock(IdleCards.BACKLOG_INTERVAL.multipliedBy(3));
            assertThat(fraud.metricTotal(CardProcessor.CARDS_FORGOTTEN_METRIC)).as("C was seen since").isEqualTo(2.0);
            assertThat(states.get(fraud.tokenOf(CARD_C))).isNotNull();
        }
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
