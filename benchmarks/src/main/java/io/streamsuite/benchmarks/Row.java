package io.streamsuite.benchmarks;

import java.util.Locale;

/**
 * One figure of a run beside its same-run baseline. {@code ratio} is value / baseline; the target, when the
 * issue sets one, is checked by {@code met} (null when there is no target or nothing to check). {@code load} is
 * the machine's 1-minute load average when the figure was taken (the machine is shared: a figure says its load).
 */
public record Row(String section, String figure, double value, String unit, String baselineName,
                  double baseline, String target, Boolean met, double load) {

    /** A figure taken just now: the load is read at construction, right after the measurement. */
    public Row(String section, String figure, double value, String unit, String baselineName, double baseline,
               String target, Boolean met) {
        this(section, figure, value, unit, baselineName, baseline, target, met, loadNow());
    }

    public static double loadNow() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public double ratio() {
        return baseline == 0 || Double.isNaN(baseline) ? Double.NaN : value / baseline;
    }

    public String verdict() {
        return met == null ? "" : met ? "MET" : "MISSED";
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
