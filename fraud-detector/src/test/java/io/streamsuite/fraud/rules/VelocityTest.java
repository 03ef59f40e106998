package io.streamsuite.fraud.rules;

import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.CARD_B;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudDriver;
import io.streamsuite.fraud.FraudProperties;
import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.fraud.Payments;
import io.streamsuite.fraud.card.CardState;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class VelocityTest {

    private final Velocity velocity = new Velocity(5, Duration.ofMinutes(1), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofHours(1));

    /** A 1-hour window advancing by 10 s needs 719 slots per card: their count did not fit the byte it was stored in. */
    @Test
    void hourLongWindowAdvancingByTenSecondsCountsAcrossTheHour() {
        FraudProperties properties = new FraudProperties();
        properties.getVelocity().setWindow(Duration.ofHours(1));
        properties.getVelocity().setRetention(Duration.ofHours(2));
        try (FraudDriver fraud = new FraudDriver(FraudSettings.defaults(properties))) {
            for (int i = 0; i < 7; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i * 500L)).id("h-" + i));
            }

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored).hasSize(7);
            assertThat(scored.subList(0, 5)).allSatisfy(tx -> assertThat(tx.getReasons()).isEmpty());
            assertThat(scored.get(5).getReasons()).containsExactly(FraudReason.VELOCITY);
            assertThat(scored.get(6).getReasons()).containsExactly(FraudReason.VELOCITY);
        }
    }

    @Test
    void sixthTransactionWithinAMinuteRaisesVelocityAlert() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 6; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i * 9L)).id("v-" + i));
            }

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored).hasSize(6);
            assertThat(scored.subList(0, 5)).allSatisfy(tx -> assertThat(tx.getReasons()).isEmpty());
            assertThat(scored.get(5).getReasons()).containsExactly(FraudReason.VELOCITY);
            assertThat(fraud.alerts()).singleElement()
                    .satisfies(alert -> assertThat(alert.getTransactionId()).isEqualTo("v-5"));
        }
    }

    @Test
    void sixTransactionsSpreadOverMoreThanAMinuteDoNotTripVelocity() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 6; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i * 15L)));
            }

            assertThat(fraud.scored()).allSatisfy(tx -> assertThat(tx.getReasons()).isEmpty());
        }
    }

    @Test
    void transactionsOfOtherCardsDoNotCount() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 3; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i)), card(CARD_B).at(T0.plusSeconds(i)));
            }

            assertThat(fraud.alerts()).isEmpty();
        }
    }

    @Test
    void outOfOrderTransactionWithinGraceStillCountsInItsWindow() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 5; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(20 + i * 5L)));
            }
            // Arrives after the others but happened before them: it still belongs to their window.
            fraud.pay(card(CARD_A).at(T0.plusSeconds(5)).id("early-but-late-arriving"));

            assertThat(fraud.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getTransactionId()).isEqualTo("early-but-late-arriving");
                assertThat(alert.getReasons()).containsExactly(FraudReason.VELOCITY);
            });
            assertThat(fraud.lateRecords()).isZero();
        }
    }

    @Test
    void outOfOrderTransactionOlderThanTheSlotsHeldWithTheCardIsCountedFromTheWindowStore() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 5; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i)));
            }
            fraud.pay(card(CARD_A).at(T0.plusSeconds(85)).id("later"));
            // 85 s older than the card's newest: beyond the slots kept with the card, within the grace period.
            fraud.pay(card(CARD_A).at(T0.plusSeconds(9)).id("sixth-of-the-first-minute"));

            assertThat(fraud.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getTransactionId()).isEqualTo("sixth-of-the-first-minute");
                assertThat(alert.getReasons()).containsExactly(FraudReason.VELOCITY);
            });
            assertThat(fraud.lateRecords()).isZero();
        }
    }

    @Test
    void transactionLaterThanGraceIsCountedInTheMetricAndStillScored() {
        try (FraudDriver fraud = new FraudDriver()) {
            for (int i = 0; i < 5; i++) {
                fraud.pay(card(CARD_A).at(T0.plusSeconds(i * 5L)));
            }
            fraud.pay(card(CARD_B).at(T0.plusSeconds(600)));
            // Sixth within the same minute of card A, but its windows closed (end + 30 s grace) long ago.
            fraud.pay(card(CARD_A).amount("12.00").at(T0.plusSeconds(30)).id("too-late"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored).hasSize(7);
            assertThat(scored.get(6)).satisfies(tx -> {
                assertThat(tx.getTransactionId()).isEqualTo("too-late");
                assertThat(tx.getReasons()).doesNotContain(FraudReason.VELOCITY);
            });
            assertThat(fraud.lateRecords()).isEqualTo(1.0);
        }
    }

    /** The counts live in the card's state, written once per transaction: no window store, no second changelog record. */
    @Test
    void cardStateKeepsOneCountPerTenSecondSlotKeyedByTokenAndNoOtherStoreIsWritten() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0.plusSeconds(1)), card(CARD_A).at(T0.plusSeconds(9)), card(CARD_A).at(T0.plusSeconds(12)));

            KeyValueStore<String, CardState> states = fraud.driver().getKeyValueStore(FraudTopics.CARD_STATE_STORE);
            CardState state = states.get(fraud.tokenOf(CARD_A));
            assertThat(state.slots(T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli())).containsExactly(
                    Map.entry(T0.toEpochMilli(), 2L), Map.entry(T0.plusSeconds(10).toEpochMilli(), 1L));
            assertThat(states.get(Payments.CARD_A)).isNull();
            assertThat(fraud.topicsWritten()).noneMatch(topic -> topic.contains("velocity"));
        }
    }

    @Test
    void largestWindowCountIsTheBusiestMinuteHoldingTheRecord() {
        // Slots from 50 s before to 50 s after the record's slot (index 5).
        long[] counts = {1, 0, 0, 0, 0, 1, 3, 0, 0, 0, 2};
        // Window starting at index 1 covers 1..6 = 4; starting at 5 covers 5..10 = 6.
        assertThat(velocity.maxWindowCount(counts)).isEqualTo(6);
        assertThat(velocity.exceeded(5)).isFalse();
        assertThat(velocity.exceeded(6)).isTrue();
    }

    @Test
    void recordIsLateOnlyWhenItsLastWindowClosedAndGracePassed() {
        long t = T0.toEpochMilli();
        // Last window holding t ends at 60 s; closed for good at 90 s of stream time.
        assertThat(velocity.isLate(t, t + 89_999)).isFalse();
        assertThat(velocity.isLate(t, t + 90_000)).isTrue();
    }

    @Test
    void hoppingWindowsAreSummedFromSlots() {
        long t = T0.toEpochMilli();
        TreeMap<Long, Long> slots = new TreeMap<>();
        slots.put(t, 2L);
        slots.put(t + 50_000, 1L);
        slots.put(t + 60_000, 4L);

        List<Velocity.WindowCount> windows = velocity.windows(t, t + 20_000, slots);

        assertThat(windows).containsExactly(
                new Velocity.WindowCount(t, t + 60_000, 3),
                new Velocity.WindowCount(t + 10_000, t + 70_000, 5),
                new Velocity.WindowCount(t + 20_000, t + 80_000, 5));
        assertThat(velocity.windows(t + 1, t + 10_000, slots)).extracting(Velocity.WindowCount::start)
                .containsExactly(t + 10_000);
        assertThat(Instant.ofEpochMilli(velocity.slotOf(t + 9_999))).isEqualTo(T0);
    }
}
