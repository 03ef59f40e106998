package io.streamsuite.kit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendWindowTest {

    @Test
    void fitsAnExactLineAndPredictsWhenItReachesALevel() {
        TrendWindow window = TrendWindow.empty(10);
        for (int i = 0; i < 10; i++) {
            window = window.add(1_000L * i, 5 + 0.002 * 1_000 * i);
        }
        TrendWindow.Trend trend = window.fit();
        assertThat(trend.slope()).isCloseTo(0.002, within(1e-9));
        assertThat(trend.slopeError()).isCloseTo(0, within(1e-6));
        assertThat(trend.timeReaching(25).getAsLong()).isCloseTo(10_000L, within(2L));
        assertThat(trend.risingSignificantly(4)).isTrue();
    }

    @Test
    void keepsOnlyTheLastCapacityPointsAndIgnoresOlderOnes() {
        TrendWindow window = TrendWindow.empty(3).add(0, 100).add(10, 1).add(20, 2).add(30, 3);
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.add(5, 1_000)).isSameAs(window);
        // 1, 2, 3 at 10, 20, 30: the 100 at 0 is gone.
        assertThat(window.fit().slope()).isCloseTo(0.1, within(1e-6));
    }

    @Test
    void aFallingLineNeverReachesAHigherLevel() {
        TrendWindow window = TrendWindow.empty(5).add(0, 3).add(10, 2).add(20, 1);
        assertThat(window.fit().timeReaching(10)).isEmpty();
        assertThat(window.fit().risingSignificantly(0)).isFalse();
    }

    @Test
    void roundTripsThroughItsSerdeInAboutEightBytesAPoint() {
        TrendWindow window = TrendWindow.empty(100);
        for (int i = 0; i < 100; i++) {
            window = window.add(1_700_000_000_000L + 5_000L * i, 1000 + i * 0.25);
        }
        byte[] bytes = TrendWindow.SERDE.serializer().serialize("t", window);
        assertThat(bytes).hasSize(window.byteSize()).hasSizeLessThan(100 * 8 + 16);
        TrendWindow read = TrendWindow.SERDE.deserializer().deserialize("t", bytes);
        assertThat(read.size()).isEqualTo(100);
        assertThat(read.fit().slope()).isCloseTo(window.fit().slope(), within(1e-9));
    }

    @Test
    void keepsTheNewestValueAtFullPrecisionUntilTheNextPointAndAsStoredRoundsItAsItsBytesDo() {
        TrendWindow window = TrendWindow.empty(10).add(0, 1.1).add(1_000, 2.2).add(2_000, 3.3000000001);
        TrendWindow read = TrendWindow.SERDE.deserializer().deserialize("t", TrendWindow.SERDE.serializer().serialize("t", window));
        assertThat(window.fit()).isNotEqualTo(read.fit());
        assertThat(window.asStored().fit()).isEqualTo(read.fit());
        // The next point rounds the one before it: memory and a read back agree again.
        assertThat(window.add(3_000, 4.4).fit()).isEqualTo(read.add(3_000, 4.4).fit());
        assertThat(window.added()).isEqualTo(3);
    }
}
