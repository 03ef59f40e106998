package io.streamsuite.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Latency samples in milliseconds; percentiles by sorting (a 60 s run at 5k/s is 300k samples). */
public final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;
    private boolean sorted;
    /** Per second of the input's append time: the worst latency and the number of samples, to find stalls. */
    private final TreeMap<Long, long[]> perSecond = new TreeMap<>();

    public void add(long millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
        sorted = false;
    }

    /** A sample whose input was appended at {@code inputAppendMs}. */
    public void add(long inputAppendMs, long millis) {
        add(millis);
        long[] second = perSecond.computeIfAbsent(Math.floorDiv(inputAppendMs, 1000), s -> new long[2]);
        second[0] = Math.max(second[0], millis);
        second[1]++;
    }

    /** "second since the first, worst ms, samples" per line, in input append order. */
    public String perSecondSeries() {
        StringBuilder out = new StringBuilder("second,worst_ms,samples\n");
        if (perSecond.isEmpty()) {
            return out.toString();
        }
        long first = perSecond.firstKey();
        for (Map.Entry<Long, long[]> second : perSecond.entrySet()) {
            out.append(second.getKey() - first).append(',').append(second.getValue()[0]).append(',')
                    .append(second.getValue()[1]).append('\n');
        }
        return out.toString();
    }

    /** The {@code n} seconds with the worst latency, as "second: ms" (seconds since the first), worst first. */
    public String worstSeconds(int n) {
        if (perSecond.isEmpty()) {
            return "";
        }
        long first = perSecond.firstKey();
        return perSecond.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(n)
                .map(e -> "s" + (e.getKey() - first) + ": " + e.getValue()[0] + " ms")
                .reduce((a, b) -> a + ", " + b).orElse("");
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
