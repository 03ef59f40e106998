package io.streamsuite.metrics.visitors;

import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.metrics.MetricsSettings;
import io.streamsuite.metrics.pages.PageMinutes;
import io.streamsuite.schemas.web.PageMinute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Unique visitors of a page in hopping windows (metrics.visitors.window long, advancing by the page
 * window), as unions of the minute buckets' HyperLogLog sketches: each view updated one bucket.
 */
public final class VisitorCounts {

    private final DistinctCounts distinctCounts;
    private final long bucket;
    private final long window;

    public VisitorCounts(MetricsSettings settings) {
        this.distinctCounts = settings.distinctCounts();
        this.bucket = settings.window().toMillis();
        this.window = settings.visitorWindow().toMillis();
    }

    /** A hopping window and its distinct visitors. */
    public record Window(Instant start, Instant end, long visitors) {
    }

    /** How far after the last window start its buckets reach. */
    public long lookAhead() {
        return window - bucket;
    }

    /**
     * Hopping windows starting in [from, to] (aligned to the bucket size), each with at least one
     * visitor, from the page's buckets keyed by their start.
     */
    public List<Window> hopping(List<KeyValue<Long, PageMinute>> buckets, Instant from, Instant to) {
        long first = from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), bucket);
        List<Window> windows = new ArrayList<>();
        for (long start = first; start <= to.toEpochMilli(); start += bucket) {
            long end = start + window;
            List<byte[]> inside = new ArrayList<>();
            for (KeyValue<Long, PageMinute> b : buckets) {
                if (b.key >= start && b.key < end) {
                    inside.add(PageMinutes.bytes(b.value.getVisitorSketch()));
                }
            }
            long visitors = DistinctCounts.estimate(distinctCounts.union(inside));
            if (visitors > 0) {
                windows.add(new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), visitors));
            }
        }
        return windows;
    }

    /** Distinct visitors across all the given buckets. */
    public long total(List<KeyValue<Long, PageMinute>> buckets) {
        return DistinctCounts.estimate(distinctCounts.union(
                buckets.stream().map(b -> PageMinutes.bytes(b.value.getVisitorSketch())).toList()));
    }
}
