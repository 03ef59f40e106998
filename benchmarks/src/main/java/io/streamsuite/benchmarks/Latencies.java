package io.streamsuite.benchmarks;

import java.util.Arrays;

/** Latency samples in milliseconds; percentiles by sorting (a 60 s run at 5k/s is 300k samples). */
public final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;
    private boolean sorted;

    public void add(long millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
        sorted = false;
    }

    public int count() {
        return count;
    }

    /** Nearest-rank percentile; 1.0 is the maximum. */
    public double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(samples, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(p * count);
        return samples[Math.max(0, Math.min(count - 1, rank - 1))];
    }
}
