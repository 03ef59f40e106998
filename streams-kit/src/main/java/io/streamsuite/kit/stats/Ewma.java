package io.streamsuite.kit.stats;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * A running mean and variance: exact (Welford) for the first {@code warmUp} values, exponentially
 * weighted with factor {@code alpha} after, so the baseline follows slow change without keeping
 * the values. A caller that leaves an outlier out (does not {@link #add} it) keeps it out of the
 * baseline: that is how a spike does not widen the band that judges the next one.
 *
 * @param count    values taken in so far
 * @param mean     their (weighted) mean
 * @param variance their (weighted) variance; 0 with fewer than two values
 */
public record Ewma(long count, double mean, double variance) {

    public static final int BYTES = Long.BYTES + 2 * Double.BYTES;
    public static final Serde<Ewma> SERDE = StatsSerde.of("Ewma", e -> BYTES, Ewma::writeTo, Ewma::readFrom);
    private static final Ewma EMPTY = new Ewma(0, 0, 0);

    public static Ewma empty() {
        return EMPTY;
    }

    /** With {@code value} taken in: Welford while {@code count < warmUp}, EWMA (West's update) after. */
    public Ewma add(double value, double alpha, long warmUp) {
        if (count < warmUp) {
            long n = count + 1;
            double delta = value - mean;
            double nextMean = mean + delta / n;
            // Welford's M2 / n, kept as the variance so the EWMA can take over from it.
            double m2 = variance * count + delta * (value - nextMean);
            return new Ewma(n, nextMean, m2 / n);
        }
        double delta = value - mean;
        double increment = alpha * delta;
        return new Ewma(count + 1, mean + increment, (1 - alpha) * (variance + delta * increment));
    }

    public double stdDev() {
        return Math.sqrt(variance);
    }

    /** How many standard deviations {@code value} lies from the mean; 0 while the variance is 0. */
    public double deviations(double value) {
        double sd = stdDev();
        return sd == 0 ? 0 : Math.abs(value - mean) / sd;
    }

    public boolean warmedUp(long warmUp) {
        return count >= warmUp;
    }

    public void writeTo(ByteBuffer out) {
        out.putLong(count).putDouble(mean).putDouble(variance);
    }

    public static Ewma readFrom(ByteBuffer in) {
        return new Ewma(in.getLong(), in.getDouble(), in.getDouble());
    }
}
