package io.streamsuite.iot.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.stats.Ewma;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

    private final SpikeDetector detector = new SpikeDetector(4, 0.05, 30, 3);

    private Ewma warmBaseline() {
        SplittableRandom noise = new SplittableRandom(1);
        Ewma baseline = Ewma.empty();
        for (int i = 0; i < 50; i++) {
            baseline = detector.assess(baseline, 0, 10 + noise.nextGaussian()).baseline();
        }
        return baseline;
    }

    @Test
    void noSpikeIsJudgedDuringTheWarmUp() {
        SpikeDetector.Assessment early = detector.assess(Ewma.empty().add(10, 0.05, 30).add(11, 0.05, 30), 0, 1000);
        assertThat(early.spike()).isFalse();
        assertThat(early.baseline().count()).isEqualTo(3);
    }

    @Test
    void anOutlierIsASpikeAndLeavesTheBaselineAsItWas() {
        Ewma baseline = warmBaseline();
        SpikeDetector.Assessment spike = detector.assess(baseline, 0, baseline.mean() + 5 * baseline.stdDev());
        assertThat(spike.spike()).isTrue();
        assertThat(spike.baseline()).isSameAs(baseline);
        assertThat(spike.outlierRun()).isEqualTo(1);
        SpikeDetector.Assessment normal = detector.assess(baseline, 0, baseline.mean() + 3 * baseline.stdDev());
        assertThat(normal.spike()).isFalse();
        assertThat(normal.baseline().count()).isEqualTo(baseline.count() + 1);
    }

    @Test
    void aLevelThatStaysAfterRebaseAfterOutliersBecomesTheNewBaseline() {
        Ewma baseline = warmBaseline();
        SpikeDetector.Assessment first = detector.assess(baseline, 0, 100);
        SpikeDetector.Assessment second = detector.assess(first.baseline(), first.outlierRun(), 100);
        SpikeDetector.Assessment third = detector.assess(second.baseline(), second.outlierRun(), 100);
        assertThat(third.spike()).isTrue();
        assertThat(third.baseline().count()).isEqualTo(1);
        assertThat(third.baseline().mean()).isEqualTo(100);
        assertThat(third.outlierRun()).isZero();
    }
}
