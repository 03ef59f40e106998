package io.streamsuite.kit.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SketchesTest {

    @Test
    void unionOfMinuteBucketsCountsDistinctItemsWithinTwoPercentOfExact() {
        DistinctCounts counts = DistinctCounts.defaults();
        Random random = new Random(7);
        List<byte[]> buckets = new ArrayList<>();
        Set<String> exact = new HashSet<>();
        for (int minute = 0; minute < 5; minute++) {
            byte[] bucket = null;
            for (int i = 0; i < 4_000; i++) {
                String user = "user-" + random.nextInt(12_000);
                exact.add(user);
                bucket = counts.add(bucket, user);
            }
            buckets.add(bucket);
        }
        long estimate = DistinctCounts.estimate(counts.union(buckets));
        assertThat(exact.size()).isGreaterThan(8_000);
        assertThat((double) estimate).isCloseTo(exact.size(), org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void quantileOfMergedSketchesIsWithinTheRelativeAccuracyOfTheExactQuantile() {
        Quantiles quantiles = Quantiles.defaults();
        Random random = new Random(11);
        List<byte[]> minutes = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            byte[] sketch = null;
            for (int i = 0; i < 200; i++) {
                double latency = Math.round(Math.exp(3.8 + random.nextGaussian() * 0.9));
                all.add(latency);
                sketch = quantiles.add(sketch, latency);
            }
            minutes.add(sketch);
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        DDSketch merged = quantiles.merge(minutes);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
            assertThat(Quantiles.valueAt(merged, q)).as("p" + q).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
        }
        assertThat(merged.getCount()).isEqualTo(12_000);
    }

    @Test
    void serdesRoundTripAndRejectBytesThatAreNoSketch() {
        HllSketch hll = DistinctCounts.defaults().empty();
        hll.update("a");
        hll.update("b");
        byte[] hllBytes = SketchSerdes.hll().serializer().serialize("t", hll);
        assertThat(DistinctCounts.estimate(SketchSerdes.hll().deserializer().deserialize("t", hllBytes))).isEqualTo(2);

        DDSketch dd = Quantiles.defaults().empty();
        dd.accept(100);
        byte[] ddBytes = SketchSerdes.ddSketch().serializer().serialize("t", dd);
        assertThat(SketchSerdes.ddSketch().deserializer().deserialize("t", ddBytes).getValueAtQuantile(0.5))
                .isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));

        assertThat(SketchSerdes.hll().deserializer().deserialize("t", null)).isNull();
        byte[] junk = new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f};
        assertThatThrownBy(() -> DistinctCounts.decode(junk)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Quantiles.decode(Arrays.copyOf(junk, 3))).isInstanceOf(SerializationException.class);
    }

    @Test
    void emptySketchHasNoQuantile() {
        assertThat(Quantiles.valueAt(Quantiles.defaults().merge(List.of()), 0.99)).isNull();
    }
}
