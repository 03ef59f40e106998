package io.streamsuite.kit.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.datasketches.hll.HllSketch;

/**
 * Decoded sketches kept in front of their bytes, for aggregations whose store value holds a sketch
 * image and which update it record by record. Decoding is the dear half of such an update (an HLL's
 * registers unpacked, a DDSketch's bins laid out again); here the sketch an update produced stays
 * decoded, found again by its own bytes, so the next record of the same window updates it in place.
 * The store still gets the bytes of every change (changelog, exactly-once and restores are
 * untouched); an update that changes nothing returns the very same bytes and encodes nothing.
 *
 * <p>Looked up by content, not by key: a hit is a sketch whose encoding equals the bytes given, so
 * a hit and a miss give the same result, whatever the store, the task or a restore did in between.
 * A sketch is taken out while it is updated and put back under its new bytes; a failing update
 * leaves it out. One map per thread (aggregators are shared by stream threads), least recently
 * updated first out.
 */
public final class DecodedSketches<S> {

    public static final int DEFAULT_CAPACITY = 1024;

    private final Supplier<S> empty;
    private final Function<byte[], S> decode;
    private final Function<S, byte[]> encode;
    private final ThreadLocal<Map<Image, S>> byImage;

    public DecodedSketches(int capacity, Supplier<S> empty, Function<byte[], S> decode, Function<S, byte[]> encode) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.empty = empty;
        this.decode = decode;
        this.encode = encode;
        this.byImage = ThreadLocal.withInitial(() -> new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Image, S> eldest) {
                return size() > capacity;
            }
        });
    }

    public static DecodedSketches<HllSketch> distinctCounts(DistinctCounts counts, int capacity) {
        return new DecodedSketches<>(capacity, counts::empty, DistinctCounts::decode, DistinctCounts::encode);
    }

    public static DecodedSketches<DDSketch> quantiles(Quantiles quantiles, int capacity) {
        return new DecodedSketches<>(capacity, quantiles::empty, Quantiles::decode, Quantiles::encode);
    }

    /**
     * The bytes of the sketch of {@code bytes} (null or empty: an empty sketch) after {@code change},
     * which says whether it changed the sketch; {@code bytes} itself when it did not.
     */
    public byte[] update(byte[] bytes, Predicate<S> change) {
        Map<Image, S> sketches = byImage.get();
        boolean blank = bytes == null || bytes.length == 0;
        Image before = blank ? null : new Image(bytes);
        S sketch = blank ? empty.get() : sketches.remove(before);
        if (sketch == null) {
            sketch = decode.apply(bytes);
        }
        if (!change.test(sketch)) {
            if (!blank) {
                sketches.put(before, sketch);
            }
            return bytes;
        }
        byte[] after = encode.apply(sketch);
        sketches.put(new Image(after), sketch);
        return after;
    }

    /** Decoded sketches this thread holds now (for tests and diagnostics). */
    public int size() {
        return byImage.get().size();
    }

    /**
     * A sketch image as a map key. The hash samples at most {@value #HASHED_BYTES} bytes spread over
     * the image (an HLL in HLL mode is kilobytes; hashing all of it per record cost more than the
     * decode it saves); equality compares every byte.
     */
    private static final class Image {
        private static final int HASHED_BYTES = 64;

        private final byte[] bytes;
        private final int hash;

        Image(byte[] bytes) {
            this.bytes = bytes;
            this.hash = sampledHash(bytes);
        }

        private static int sampledHash(byte[] bytes) {
            int step = Math.max(1, bytes.length / HASHED_BYTES);
            int hash = bytes.length;
            for (int i = 0; i < bytes.length; i += step) {
                hash = 31 * hash + bytes[i];
            }
            return 31 * hash + bytes[bytes.length - 1];
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Image image && image.hash == hash && Arrays.equals(image.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
