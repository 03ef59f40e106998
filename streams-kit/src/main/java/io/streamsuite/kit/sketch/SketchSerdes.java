package io.streamsuite.kit.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for sketches as store values or record values, in each library's own compact encoding
 * (the same bytes {@link DistinctCounts} and {@link Quantiles} put in Avro {@code bytes} fields).
 * Null stays null; bytes that are no sketch are a {@code SerializationException}, i.e. a dead letter.
 */
public final class SketchSerdes {

    private SketchSerdes() {
    }

    public static Serde<HllSketch> hll() {
        return Serdes.serdeFrom(
                (topic, sketch) -> sketch == null ? null : DistinctCounts.encode(sketch),
                (topic, bytes) -> bytes == null ? null : DistinctCounts.decode(bytes));
    }

    public static Serde<DDSketch> ddSketch() {
        return Serdes.serdeFrom(
                (topic, sketch) -> sketch == null ? null : Quantiles.encode(sketch),
                (topic, bytes) -> bytes == null ? null : Quantiles.decode(bytes));
    }
}
