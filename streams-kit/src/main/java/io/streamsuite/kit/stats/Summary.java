package io.streamsuite.kit.stats;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/** Count, min, max and mean of the values of a window; {@link #empty()} has count 0. */
public record Summary(long count, double min, double max, double mean) {

    public static final int BYTES = Long.BYTES + 3 * Double.BYTES;
    public static final Serde<Summary> SERDE = StatsSerde.of("Summary", s -> BYTES, Summary::writeTo, Summary::readFrom);
    private static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN);

    public static Summary empty() {
        return EMPTY;
    }

    public static Summary of(double value) {
        return new Summary(1, value, value, value);
    }

    public Summary add(double value) {
        if (count == 0) {
            return of(value);
        }
        long n = count + 1;
        return new Summary(n, Math.min(min, value), Math.max(max, value), mean + (value - mean) / n);
    }

    public Summary merge(Summary other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        return new Summary(n, Math.min(min, other.min), Math.max(max, other.max),
                mean + (other.mean - mean) * other.count / n);
    }

    public void writeTo(ByteBuffer out) {
        out.putLong(count).putDouble(min).putDouble(max).putDouble(mean);
    }

    public static Summary readFrom(ByteBuffer in) {
        return new Summary(in.getLong(), in.getDouble(), in.getDouble(), in.getDouble());
    }
}
