package io.streamsuite.kit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {

    @Test
    void warmUpIsTheExactMeanAndPopulationVariance() {
        Ewma stats = Ewma.empty();
        for (double value : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            stats = stats.add(value, 0.1, 100);
        }
        assertThat(stats.count()).isEqualTo(8);
        assertThat(stats.mean()).isCloseTo(5, within(1e-12));
        assertThat(stats.stdDev()).isCloseTo(2, within(1e-12));
        assertThat(stats.deviations(9)).isCloseTo(2, within(1e-12));
    }

    @Test
    void afterTheWarmUpTheMeanMovesByAlphaOfTheDifference() {
        Ewma warm = Ewma.empty().add(10, 0.25, 2).add(10, 0.25, 2);
        Ewma next = warm.add(14, 0.25, 2);
        assertThat(next.mean()).isCloseTo(11, within(1e-12));
        // West: (1 - alpha) * (variance + delta * alpha * delta) = 0.75 * (0 + 4 * 1)
        assertThat(next.variance()).isCloseTo(3, within(1e-12));
    }

    @Test
    void roundTripsThroughItsSerde() {
        Ewma stats = Ewma.empty().add(1, 0.1, 5).add(3, 0.1, 5);
        byte[] bytes = Ewma.SERDE.serializer().serialize("t", stats);
        assertThat(bytes).hasSize(Ewma.BYTES);
        assertThat(Ewma.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(stats);
        assertThat(Ewma.SERDE.deserializer().deserialize("t", null)).isNull();
    }
}
