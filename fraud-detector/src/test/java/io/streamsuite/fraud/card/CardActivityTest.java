package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import org.junit.jupiter.api.Test;

class CardActivityTest {

    private static final long ADVANCE = 10_000;
    private static final Sighting HERE = new Sighting(52.52, 13.405, 1_000_000);

    @Test
    void holdsTheRecentSlotsMovesForwardWithNewerOnesAndTreatsLaterSlotsAsEmpty() {
        CardActivity activity = CardActivity.first(HERE, 3, 100_000)
                .withCount(100_000, 2, ADVANCE, HERE)
                .withCount(90_000, 1, ADVANCE, HERE);

        assertThat(activity.covers(80_000, ADVANCE)).isTrue();
        assertThat(activity.covers(70_000, ADVANCE)).isFalse();
        assertThat(activity.count(90_000, ADVANCE)).isEqualTo(1);
        assertThat(activity.count(110_000, ADVANCE)).isZero();

        CardActivity moved = activity.withCount(120_000, 1, ADVANCE, HERE);
        assertThat(moved.latestSlot()).isEqualTo(120_000);
        assertThat(moved.covers(90_000, ADVANCE)).isFalse();
        assertThat(moved.count(100_000, ADVANCE)).isEqualTo(2);
        assertThat(moved.count(110_000, ADVANCE)).isZero();
        assertThat(moved.count(120_000, ADVANCE)).isEqualTo(1);
        assertThat(activity.count(100_000, ADVANCE)).as("the original is unchanged").isEqualTo(2);

        CardActivity farAhead = moved.withCount(900_000, 1, ADVANCE, HERE);
        assertThat(farAhead.counts()).containsExactly(0, 0, 1);
    }

    @Test
    void survivesItsSerde() {
        CardActivity activity = CardActivity.first(HERE, 11, 100_000).withCount(100_000, 7, ADVANCE, HERE);

        CardActivity back = CardActivity.SERDE.deserializer().deserialize("t", CardActivity.SERDE.serializer().serialize("t", activity));

        assertThat(back.last()).isEqualTo(HERE);
        assertThat(back.latestSlot()).isEqualTo(100_000);
        assertThat(back.counts()).containsExactly(activity.counts());
    }
}
