package io.streamsuite.kit.stats;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Serde;

/**
 * The last {@code capacity} points (time, value) of a series, oldest first, and their least-squares
 * line. Immutable: {@link #add} returns the next window. Values are kept as floats, as they are stored,
 * except the newest, which keeps its full precision until the next point arrives: a line fitted right
 * after an add sees exactly what a window read back from its bytes and then added to would see, so a
 * window kept in memory and one read back from a store give the same fits ({@link #asStored}).
 *
 * <p>Two stored forms: {@link #SERDE} (all points in one value, times as offsets from the oldest, about
 * 8 bytes a point) and {@link TrendChunks} (the points in fixed chunks, written once each, for a window
 * that is rewritten with every point).
 */
public final class TrendWindow {

    public static final Serde<TrendWindow> SERDE = StatsSerde.of("TrendWindow", TrendWindow::byteSize,
            TrendWindow::writeTo, TrendWindow::readFrom);

    private final int capacity;
    private final long[] times;
    private final float[] values;
    /** The newest value at full precision; {@code values[last]} is it as a float. */
    private final double newest;
    /** Points appended since the window was empty: the position in the series after the newest point. */
    private final long added;

    TrendWindow(int capacity, long[] times, float[] values, double newest, long added) {
        this.capacity = capacity;
        this.times = times;
        this.values = values;
        this.newest = newest;
        this.added = added;
    }

    public static TrendWindow empty(int capacity) {
        checkCapacity(capacity);
        return new TrendWindow(capacity, new long[0], new float[0], Double.NaN, 0);
    }

    static void checkCapacity(int capacity) {
        if (capacity < 3 || capacity > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a trend window holds 3 to " + Short.MAX_VALUE + " points, not " + capacity);
        }
    }

    /**
     * With the point appended (the oldest dropped when full). A point older than the newest is ignored:
     * a trend is over the series as it happened. Points further than {@code Integer.MAX_VALUE} ms from
     * the new one are dropped, as the single-value layout cannot hold them.
     */
    public TrendWindow add(long time, double value) {
        int size = times.length;
        if (size > 0 && time < times[size - 1]) {
            return this;
        }
        int from = size == capacity ? 1 : 0;
        while (from < size && time - times[from] > Integer.MAX_VALUE) {
            from++;
        }
        long[] nextTimes = Arrays.copyOfRange(times, from, size + 1);
        float[] nextValues = Arrays.copyOfRange(values, from, size + 1);
        nextTimes[nextTimes.length - 1] = time;
        nextValues[nextValues.length - 1] = (float) value;
        return new TrendWindow(capacity, nextTimes, nextValues, value, added + 1);
    }

    /** This window as read back from either stored form: the newest value as a float too. */
    public TrendWindow asStored() {
        int n = values.length;
        if (n == 0 || Double.compare(newest, values[n - 1]) == 0) {
            return this;
        }
        return new TrendWindow(capacity, times, values, values[n - 1], added);
    }

    public int size() {
        return times.length;
    }

    public int capacity() {
        return capacity;
    }

    /** Points appended since the window was empty (the dropped ones included). */
    public long added() {
        return added;
    }

    long time(int index) {
        return times[index];
    }

    float storedValue(int index) {
        return values[index];
    }

    private double value(int index) {
        return index == values.length - 1 ? newest : values[index];
    }

    /** The least-squares line through the points; null with fewer than 3 points or all at one time. */
    public Trend fit() {
        int n = times.length;
        if (n < 3) {
            return null;
        }
        long origin = times[n - 1];
        double meanT = 0;
        double meanV = 0;
        for (int i = 0; i < n; i++) {
            meanT += (times[i] - origin);
            meanV += value(i);
        }
        meanT /= n;
        meanV /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dt = times[i] - origin - meanT;
            sxx += dt * dt;
            sxy += dt * (value(i) - meanV);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double fitted = meanV + slope * (times[i] - origin - meanT);
            residuals += (value(i) - fitted) * (value(i) - fitted);
        }
        double slopeError = Math.sqrt(residuals / (n - 2) / sxx);
        return new Trend(n, origin + (long) Math.rint(meanT), meanV, slope, slopeError);
    }

    /** The bytes {@link #writeTo} writes. */
    public int byteSize() {
        return 2 + 2 + (times.length == 0 ? 0 : Long.BYTES + times.length * (Integer.BYTES + Float.BYTES));
    }

    public void writeTo(ByteBuffer out) {
        out.putShort((short) capacity).putShort((short) times.length);
        if (times.length == 0) {
            return;
        }
        out.putLong(times[0]);
        for (int i = 0; i < times.length; i++) {
            out.putInt((int) (times[i] - times[0])).putFloat(values[i]);
        }
    }

    /** A window from {@link #writeTo}; that layout does not keep {@link #added}, which then counts the points held. */
    public static TrendWindow readFrom(ByteBuffer in) {
        int capacity = in.getShort();
        int size = in.getShort();
        if (capacity < 3 || size < 0 || size > capacity) {
            throw new IllegalArgumentException("capacity " + capacity + ", size " + size);
        }
        long[] times = new long[size];
        float[] values = new float[size];
        if (size > 0) {
            long first = in.getLong();
            for (int i = 0; i < size; i++) {
                times[i] = first + in.getInt();
                values[i] = in.getFloat();
            }
        }
        return new TrendWindow(capacity, times, values, size == 0 ? Double.NaN : values[size - 1], size);
    }

    /**
     * A fitted line: {@code value(t) = meanValue + slope * (t - meanTime)}.
     *
     * @param slope      value units per millisecond
     * @param slopeError the standard error of the slope (from the residuals)
     */
    public record Trend(int points, long meanTime, double meanValue, double slope, double slopeError) {

        public double valueAt(long time) {
            return meanValue + slope * (time - meanTime);
        }

        /** True when the slope is at least {@code deviations} standard errors above zero. */
        public boolean risingSignificantly(double deviations) {
            return slope > 0 && slope >= deviations * slopeError;
        }

        /** When the line reaches {@code level} going up; empty when it does not rise. */
        public OptionalLong timeReaching(double level) {
            if (!(slope > 0)) {
                return OptionalLong.empty();
            }
            double at = meanTime + (level - meanValue) / slope;
            if (at > Long.MAX_VALUE / 2.0 || at < Long.MIN_VALUE / 2.0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.rint(at));
        }
    }
}
