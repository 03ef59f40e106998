package io.streamsuite.iot.anomaly;

import io.streamsuite.kit.stats.Ewma;

/**
 * A reading more than {@code k} standard deviations from its sensor's running EWMA baseline, once
 * {@code warmUp} readings have built that baseline, is a spike.
 *
 * <p>Spikes do not poison the baseline: an outlier is judged against the baseline and then left out
 * of it, so neither the mean nor the variance moves towards it and the next spike is judged by the
 * same band. A real change of level is not a spike for ever: after {@code rebaseAfter} outliers in
 * a row the baseline starts again from the new level (warming up anew).
 */
public final class SpikeDetector {

    private final double k;
    private final double alpha;
    private final int warmUp;
    private final int rebaseAfter;

    public SpikeDetector(double k, double alpha, int warmUp, int rebaseAfter) {
        if (k <= 0 || alpha <= 0 || alpha >= 1 || warmUp < 2 || rebaseAfter < 1) {
            throw new IllegalArgumentException("spike detection needs k > 0, 0 < alpha < 1, warm-up >= 2, rebase-after >= 1");
        }
        this.k = k;
        this.alpha = alpha;
        this.warmUp = warmUp;
        this.rebaseAfter = rebaseAfter;
    }

    /** The verdict on one reading and the baseline to keep. */
    public record Assessment(boolean spike, boolean outlier, Ewma baseline, int outlierRun, double deviations) {
    }

    public Assessment assess(Ewma baseline, int outlierRun, double value) {
        if (!baseline.warmedUp(warmUp)) {
            return new Assessment(false, false, baseline.add(value, alpha, warmUp), 0, 0);
        }
        double deviations = baseline.deviations(value);
        if (deviations <= k) {
            return new Assessment(false, false, baseline.add(value, alpha, warmUp), 0, deviations);
        }
        int run = outlierRun + 1;
        if (run >= rebaseAfter) {
            return new Assessment(true, true, Ewma.empty().add(value, alpha, warmUp), 0, deviations);
        }
        return new Assessment(true, true, baseline, run, deviations);
    }

    public double k() {
        return k;
    }
}
