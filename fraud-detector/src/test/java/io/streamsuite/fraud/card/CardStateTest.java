package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.fraud.scoring.RiskScore.RiskState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CardStateTest {

    private static final long ADVANCE = 10_000;
    private static final Sighting HERE = new Sighting(52.52, 13.405, 1_000_000);

    @Test
    void holdsTheRecentSlotsMovesForwardWithNewerOnesAndTreatsLaterSlotsAsEmpty() {
        CardState state = CardState.first(3, 100_000)
                .withCount(100_000, 2, ADVANCE)
                .withCount(90_000, 1, ADVANCE);

        assertThat(state.covers(80_000, ADVANCE)).isTrue();
        assertThat(state.covers(70_000, ADVANCE)).isFalse();
        assertThat(state.count(90_000, ADVANCE)).isEqualTo(1);
        assertThat(state.count(110_000, ADVANCE)).isZero();

        CardState moved = state.withCount(120_000, 1, ADVANCE);
        assertThat(moved.latestSlot()).isEqualTo(120_000);
        assertThat(moved.covers(90_000, ADVANCE)).isFalse();
        assertThat(moved.count(100_000, ADVANCE)).isEqualTo(2);
        assertThat(moved.count(110_000, ADVANCE)).isZero();
        assertThat(moved.count(120_000, ADVANCE)).isEqualTo(1);
        assertThat(state.count(100_000, ADVANCE)).as("the original is unchanged").isEqualTo(2);

        CardState farAhead = moved.withCount(900_000, 1, ADVANCE);
        assertThat(farAhead.counts()).containsExactly(0, 0, 1);
    }

    @Test
    void keepsTheNewestSightingsInEventTimeOrder() {
        CardState state = CardState.first(3, 0);
        for (long time : new long[] {50, 10, 40, 30, 20, 60}) {
            state = state.withSighting(new Sighting(1, 2, time), 4);
        }

        assertThat(state.sightings()).extracting(Sighting::time).containsExactly(30L, 40L, 50L, 60L);
        assertThat(state.lastSeen()).isEqualTo(60);
        assertThat(CardState.first(3, 0).lastSeen()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void survivesItsSerde() {
        CardState state = CardState.first(11, 100_000).withCount(100_000, 7, ADVANCE)
                .withSighting(HERE, 4).withPendingSmall(99_000).withRisk(new RiskState(95, 3, true));

        CardState back = roundTrip(state);

        assertThat(back.sightings()).containsExactly(HERE);
        assertThat(back.latestSlot()).isEqualTo(100_000);
        assertThat(back.counts()).containsExactly(state.counts());
        assertThat(back.pendingSmall()).isEqualTo(99_000);
        assertThat(back.risk()).isEqualTo(new RiskState(95, 3, true));
        assertThat(roundTrip(CardState.first(11, 0)).risk()).isNull();
    }

    /** One byte held the slot count: a 1-hour window advancing by 10 s (719 slots to read) did not come back. */
    @Test
    void survivesItsSerdeWithMoreSlotsThanOneByteCounts() {
        Velocity hourly = new Velocity(5, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofHours(2));
        assertThat(hourly.slotsToRead()).isEqualTo(719);
        CardState state = CardState.first(hourly.slotsToRead(), 7_200_000);
        for (int i = 0; i < 719; i += 100) {
            state = state.withCount(7_200_000 - i * ADVANCE, 300 + i, ADVANCE);
        }

        CardState back = roundTrip(state);

        assertThat(back.counts()).hasSize(719).containsExactly(state.counts());
        assertThat(back.count(7_200_000 - 700 * ADVANCE, ADVANCE)).isEqualTo(1000);
        assertThat(FraudSettings.defaults().velocity().slotsToRead()).isEqualTo(11);
    }

    private static CardState roundTrip(CardState state) {
        byte[] bytes = CardState.SERDE.serializer().serialize("t", state);
        return CardState.SERDE.deserializer().deserialize("t", bytes);
    }

    @Test
    void emptyStateIsSmall() {
        // Empty slots take a byte each, not eight.
        assertThat(CardState.SERDE.serializer().serialize("t", CardState.first(11, 0)).length).isLessThan(40);
    }
}
