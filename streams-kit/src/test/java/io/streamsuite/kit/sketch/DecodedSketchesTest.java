package io.streamsuite.kit.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class DecodedSketchesTest {

    private static final int WINDOWS = 40;

    /** Interleaved windows, a cache far smaller than them (misses and evictions), against decoding every time. */
    @Test
    void updatesThroughDecodedSketchesEqualDecodingEveryRecordEvenWhenTheCacheIsTooSmall() {
        DistinctCounts counts = DistinctCounts.defaults();
        Quantiles quantiles = Quantiles.defaults();
        DecodedSketches<HllSketch> visitors = DecodedSketches.distinctCounts(counts, 7);
        DecodedSketches<DDSketch> latencies = DecodedSketches.quantiles(quantiles, 7);
        byte[][] plainVisitors = new byte[WINDOWS][];
        byte[][] cachedVisitors = new byte[WINDOWS][];
        byte[][] plainLatencies = new byte[WINDOWS][];
        byte[][] cachedLatencies = new byte[WINDOWS][];
        Random random = new Random(3);
        for (int i = 0; i < 60_000; i++) {
            // A skewed spread, as page traffic is: a few windows take most records and grow into HLL mode.
            int window = Math.min(WINDOWS - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 6));
            String user = "user-" + random.nextInt(window < 3 ? 20_000 : 300);
            double latency = Math.round(Math.exp(3.8 + random.nextGaussian() * 0.6));
            plainVisitors[window] = counts.add(plainVisitors[window], user);
            cachedVisitors[window] = visitors.update(cachedVisitors[window], sketch -> DistinctCounts.addTo(sketch, user));
            plainLatencies[window] = quantiles.add(plainLatencies[window], latency);
            cachedLatencies[window] = latencies.update(cachedLatencies[window], sketch -> Quantiles.addTo(sketch, latency));
        }
        assertThat(visitors.size()).isLessThanOrEqualTo(7);
        assertThat(DistinctCounts.estimate(DistinctCounts.decode(cachedVisitors[0]))).isGreaterThan(5_000);
        for (int window = 0; window < WINDOWS; window++) {
            if (plainVisitors[window] == null) {
                continue;
            }
            HllSketch plain = DistinctCounts.decode(plainVisitors[window]);
            HllSketch cached = DistinctCounts.decode(cachedVisitors[window]);
            assertThat(cached.getEstimate()).as("window %d visitors", window).isEqualTo(plain.getEstimate());
            // Same coupons or registers (a set's order in the image may differ): adding one to the other adds nothing.
            assertThat(cachedVisitors[window]).as("window %d visitor bytes", window).hasSameSizeAs(plainVisitors[window]);
            assertThat(counts.union(List.of(plainVisitors[window], cachedVisitors[window])).getEstimate())
                    .as("window %d union", window)
                    .isEqualTo(counts.union(List.of(plainVisitors[window], plainVisitors[window])).getEstimate());
            DDSketch plainLatency = Quantiles.decode(plainLatencies[window]);
            DDSketch cachedLatency = Quantiles.decode(cachedLatencies[window]);
            assertThat(cachedLatency.getCount()).isEqualTo(plainLatency.getCount());
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                assertThat(cachedLatency.getValueAtQuantile(q)).isEqualTo(plainLatency.getValueAtQuantile(q));
            }
            assertThat(cachedLatencies[window]).as("window %d latency bytes", window).isEqualTo(plainLatencies[window]);
        }
    }

    @Test
    void aVisitorAlreadyCountedLeavesTheSameBytesAndANewOneChangesThem() {
        DecodedSketches<HllSketch> visitors = DecodedSketches.distinctCounts(DistinctCounts.defaults(), 16);
        byte[] bytes = null;
        for (int i = 0; i < 5_000; i++) {
            String user = "user-" + i;
            bytes = visitors.update(bytes, sketch -> DistinctCounts.addTo(sketch, user));
        }
        for (int i = 0; i < 5_000; i++) {
            String user = "user-" + i;
            byte[] again = visitors.update(bytes, sketch -> DistinctCounts.addTo(sketch, user));
            assertThat(again).as(user).isSameAs(bytes);
        }
        byte[] grown = visitors.update(bytes, sketch -> DistinctCounts.addTo(sketch, "someone-new"));
        byte[] grownAgain = visitors.update(grown, sketch -> DistinctCounts.addTo(sketch, "someone-else"));
        assertThat(grown).isNotEqualTo(bytes);
        assertThat(DistinctCounts.estimate(DistinctCounts.decode(grownAgain)))
                .isGreaterThan(DistinctCounts.estimate(DistinctCounts.decode(bytes)));
    }

    @Test
    void aFailingUpdateLeavesNoHalfChangedSketchBehind() {
        Quantiles quantiles = Quantiles.defaults();
        DecodedSketches<DDSketch> latencies = DecodedSketches.quantiles(quantiles, 16);
        byte[] one = latencies.update(null, sketch -> Quantiles.addTo(sketch, 10));
        assertThatThrownBy(() -> latencies.update(one, sketch -> {
            sketch.accept(5_000);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        byte[] two = latencies.update(one, sketch -> Quantiles.addTo(sketch, 20));
        DDSketch sketch = Quantiles.decode(two);
        assertThat(sketch.getCount()).isEqualTo(2);
        assertThat(sketch.getMaxValue()).isLessThan(25);
    }

    @Test
    void garbageIsStillASerializationError() {
        DecodedSketches<HllSketch> visitors = DecodedSketches.distinctCounts(DistinctCounts.defaults(), 16);
        assertThatThrownBy(() -> visitors.update(new byte[] {1, 2, 3}, sketch -> DistinctCounts.addTo(sketch, "a")))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
}
