package io.streamsuite.kit.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.util.Collection;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Mergeable quantiles with a relative-error guarantee: DDSketch. Any quantile of any merge of
 * sketches is within {@code relativeAccuracy} of the exact value, so an hour's p99 comes from
 * merged minute sketches, never from an average of p99s. Bins are capped; past the cap the lowest
 * values collapse, which only blurs quantiles far below the ones served.
 */
public final class Quantiles {

    public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
    private static final int MAX_BINS = 2048;

    private final double relativeAccuracy;

    public Quantiles(double relativeAccuracy) {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relativeAccuracy must be between 0 and 1, was " + relativeAccuracy);
        }
        this.relativeAccuracy = relativeAccuracy;
    }

    public static Quantiles defaults() {
        return new Quantiles(DEFAULT_RELATIVE_ACCURACY);
    }

    public double relativeAccuracy() {
        return relativeAccuracy;
    }

    public DDSketch empty() {
        return DDSketches.logarithmicCollapsingLowestDense(relativeAccuracy, MAX_BINS);
    }

    /** The sketch of {@code bytes} (null or empty: an empty sketch) with {@code value} added, as bytes again. */
    public byte[] add(byte[] bytes, double value) {
        DDSketch sketch = bytes == null || bytes.length == 0 ? empty() : decode(bytes);
        sketch.accept(value);
        return encode(sketch);
    }

    /** Adds {@code value}; every value changes a DDSketch (its count at least), so always true. */
    public static boolean addTo(DDSketch sketch, double value) {
        sketch.accept(value);
        return true;
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new SerializationException("cannot encode a DDSketch", e);
        }
        return output.trimmedCopy();
    }

    /** The encoding carries its index mapping, so sketches of any accuracy decode. */
    public static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a DDSketch: " + e.getMessage(), e);
        }
    }

    /** One sketch holding every value of the given ones. */
    public DDSketch merge(Collection<byte[]> sketches) {
        DDSketch merged = empty();
        for (byte[] bytes : sketches) {
            if (bytes != null && bytes.length > 0) {
                merged.mergeWith(decode(bytes));
            }
        }
        return merged;
    }

    /** The value at {@code quantile} (0 to 1), or null for an empty sketch. */
    public static Double valueAt(DDSketch sketch, double quantile) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(quantile);
    }
}
