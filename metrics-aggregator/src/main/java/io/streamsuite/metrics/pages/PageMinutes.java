package io.streamsuite.metrics.pages;

import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.schemas.web.PageMinute;
import java.nio.ByteBuffer;

/**
 * One page's tumbling window: views, 5xx answers, a latency DDSketch and a visitor HyperLogLog, all
 * updated by one record in one store value. Visitors (5-minute hopping windows) and latency over
 * longer ranges are unions and merges of these minutes, so a record updates one sketch, not five.
 */
public final class PageMinutes {

    private final DistinctCounts distinctCounts;
    private final Quantiles quantiles;

    public PageMinutes(DistinctCounts distinctCounts, Quantiles quantiles) {
        this.distinctCounts = distinctCounts;
        this.quantiles = quantiles;
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
            visitors = distinctCounts.add(visitors, hit.userId());
        }
        return new PageMinute(minute.getViews() + 1, minute.getErrors() + (hit.isServerError() ? 1 : 0),
                ByteBuffer.wrap(quantiles.add(bytes(minute.getLatencySketch()), hit.latencyMs())),
                ByteBuffer.wrap(visitors));
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
