package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.fraud.scoring.RiskScore.RiskState;
import io.streamsuite.kit.json.AvroJson;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CardStateTest {

    private static final long ADVANCE = 10_000;
    private static final Serde<CardState> SERDE = CardState.serde(Duration.ofMillis(ADVANCE));
    private static final Sighting HERE = new Sighting(52.52, 13.405, 1_000_000);

    @Test
    void keepsTheSlotsWithinItsSpanOfTheNewestInOrderAndDropsOlderOnes() {
        CardState state = CardState.first()
                .withCount(100_000, 2, 30_000)
                .withCount(80_000, 1, 30_000)
                .withCount(90_000, 4, 30_000)
                .withCount(90_000, 5, 30_000);

        assertThat(state.slotStarts()).containsExactly(80_000, 90_000, 100_000);
        assertThat(state.slotCounts()).containsExactly(1, 5, 2);
        assertThat(state.count(90_000)).isEqualTo(5);
        assertThat(state.count(110_000)).isZero();
        assertThat(state.newestSlot()).isEqualTo(100_000);

        CardState moved = state.withCount(120_000, 1, 30_000);
        assertThat(moved.slotStarts()).containsExactly(90_000, 100_000, 120_000);
        assertThat(state.count(80_000)).as("the original is unchanged").isEqualTo(1);
        assertThat(moved.withCount(50_000, 1, 30_000).slotStarts()).as("older than the span: not kept")
                .containsExactly(90_000, 100_000, 120_000);
        assertThat(moved.withCount(900_000, 1, 30_000).slotStarts()).containsExactly(900_000);

        long[] counts = new long[4];
        moved.countsFrom(90_000, ADVANCE, counts);
        assertThat(counts).containsExactly(5, 2, 0, 1);
        assertThat(moved.slots(95_000, 120_000)).containsExactly(Map.entry(100_000L, 2L), Map.entry(120_000L, 1L));
    }

    @Test
    void keepsTheNewestSightingsInEventTimeOrder() {
        CardState state = CardState.first();
        for (long time : new long[] {50, 10, 40, 30, 20, 60}) {
            state = state.withSighting(new Sighting(1, 2, time), 4);
        }

        assertThat(state.sightings()).extracting(Sighting::time).containsExactly(30L, 40L, 50L, 60L);
        assertThat(state.lastSeen()).isEqualTo(60);
        assertThat(CardState.first().lastSeen()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void survivesItsSerde() {
        CardState state = CardState.first().withCount(100_000, 7, 3_600_000).withCount(-20_000, 2, 3_600_000)
                .withSighting(HERE, 4).withPendingSmall(99_000).withRisk(new RiskState(95, 3, true));

        CardState back = roundTrip(state);

        assertThat(back.sightings()).containsExactly(HERE);
        assertThat(back.slotStarts()).containsExactly(-20_000, 100_000);
        assertThat(back.slotCounts()).containsExactly(2, 7);
        assertThat(back.pendingSmall()).isEqualTo(99_000);
        assertThat(back.risk()).isEqualTo(new RiskState(95, 3, true));
        assertThat(roundTrip(CardState.first()).risk()).isNull();
    }

    /** One byte held the slot count: a 1-hour window advancing by 10 s (719 slots to read) did not come back. */
    @Test
    void survivesItsSerdeWithMoreSlotsThanOneByteCounts() {
        Velocity hourly = new Velocity(5, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofHours(2));
        assertThat(hourly.slotsToRead()).isEqualTo(719);
        CardState state = CardState.first();
        for (int i = 0; i < 719; i++) {
            state = state.withCount(7_200_000 - i * ADVANCE, 300 + i, hourly.retention());
        }

        CardState back = roundTrip(state);

        assertThat(back.slotStarts()).hasSize(719).containsExactly(state.slotStarts());
        assertThat(back.count(7_200_000 - 700 * ADVANCE)).isEqualTo(1000);
        assertThat(FraudSettings.defaults().velocity().slotsToRead()).isEqualTo(11);
    }

    /** Layout 1 (before the velocity store was folded in) held the newest slot and a dense array of counts. */
    @Test
    void readsTheFirstLayoutWithItsDenseSlotsAsSparseOnes() {
        ByteBuffer v1 = ByteBuffer.allocate(128);
        v1.put((byte) 1).putInt(1).putDouble(HERE.latitude()).putDouble(HERE.longitude()).putLong(HERE.time());
        v1.putLong(100_000).putLong(CardState.NO_SMALL).putInt(3);
        v1.put((byte) 4).put((byte) 0).put((byte) 2);
        v1.put((byte) 1).putInt(50).putLong(2);
        byte[] bytes = Arrays.copyOf(v1.array(), v1.position());

        CardState state = SERDE.deserializer().deserialize("t", bytes);

        assertThat(state.sightings()).containsExactly(HERE);
        assertThat(state.slotStarts()).containsExactly(80_000, 100_000);
        assertThat(state.slotCounts()).containsExactly(4, 2);
        assertThat(state.pendingSmall()).isEqualTo(CardState.NO_SMALL);
        assertThat(state.risk()).isEqualTo(new RiskState(50, 2, false));
        assertThat(SERDE.serializer().serialize("t", state)[0]).as("written back in the current layout").isEqualTo((byte) 2);
    }

    @Test
    void refusesBytesThatAreNoCardState() {
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown layout 9");
        byte[] state = SERDE.serializer().serialize("t", CardState.first().withCount(0, 1, 60_000));
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", Arrays.copyOf(state, state.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too many");
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", new byte[] {2, (byte) 0xFF, 0x0F}))
                .isInstanceOf(SerializationException.class);
    }

    /** The store query API shows a card's slot counts, not where it was used. */
    @Test
    void queryViewHoldsTheVelocitySlotsOnly() {
        CardState state = CardState.first().withCount(0, 3, 60_000).withSighting(HERE, 4).withRisk(new RiskState(95, 3, true));

        JsonNode view = AvroJson.toJson(state);

        assertThat(view.properties()).extracting(Map.Entry::getKey).containsExactly(CardState.VIEW_SLOTS);
        assertThat(view.get(CardState.VIEW_SLOTS).get(0).get("start").asString()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(view.get(CardState.VIEW_SLOTS).get(0).get("count").asLong()).isEqualTo(3);
        assertThat(view.toString()).doesNotContain("52.52");
    }

    private static CardState roundTrip(CardState state) {
        return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", state));
    }

    @Test
    void emptyStateIsSmall() {
        assertThat(SERDE.serializer().serialize("t", CardState.first()).length).isLessThan(16);
    }
}
