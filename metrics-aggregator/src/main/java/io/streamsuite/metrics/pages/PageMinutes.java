package io.streamsuite.metrics.pages;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.streamsuite.kit.sketch.DecodedSketches;
import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.schemas.web.PageMinute;
import java.nio.ByteBuffer;
import org.apache.datasketches.hll.HllSketch;

/**
 * One page's tumbling window: views, 5xx answers, a latency DDSketch and a visitor HyperLogLog, all
 * updated by one record in one store value. Visitors (5-minute hopping windows) and latency over
 * longer ranges are unions and merges of these minutes, so a record updates one sketch, not five.
 * The sketches of open windows stay decoded between records ({@link DecodedSketches}): a record
 * costs the encoding of what it changed, not a decode of both sketches as well, and a visitor
 * already counted in the minute leaves the HLL's bytes as they were.
 */
public final class PageMinutes {

    private final DecodedSketches<HllSketch> visitorSketches;
    private final DecodedSketches<DDSketch> latencySketches;

    public PageMinutes(DistinctCounts distinctCounts, Quantiles quantiles) {
        this.visitorSketches = DecodedSketches.distinctCounts(distinctCounts, DecodedSketches.DEFAULT_CAPACITY);
        this.latencySketches = DecodedSketches.quantiles(quantiles, DecodedSketches.DEFAULT_CAPACITY);
    }

    public static PageMinute empty() {
        return new PageMinute(0L, 0L, ByteBuffer.allocate(0), ByteBuffer.allocate(0));
    }

    /** Ticks reach the aggregation only to move its stream time; they change nothing. */
    public PageMinute add(PageHit hit, PageMinute minute) {
        if (hit.isTick()) {
            return minute;
        }
        byte[] visitors = bytes(minute.getVisitorSketch());
        if (hit.visitor()) {
            visitors = visitorSketches.update(visitors, sketch -> DistinctCounts.addTo(sketch, hit.userId()));
        }
        byte[] latency = latencySketches.update(bytes(minute.getLatencySketch()),
                sketch -> Quantiles.addTo(sketch, hit.latencyMs()));
        return new PageMinute(minute.getViews() + 1, minute.getErrors() + (hit.isServerError() ? 1 : 0),
                ByteBuffer.wrap(latency), ByteBuffer.wrap(visitors));
    }

    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
