package io.streamsuite.recommendations.trending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hopping view of trending (a window of {@code window} advancing by {@code advance}) read from tumbling
 * buckets of {@code advance}: an interaction updates one bucket instead of window ÷ advance hopping windows,
 * and a window's popularity is the sum of its buckets, taken when it is asked for.
 */
public final class TrendingView {

    /** One item's popularity. */
    public record Scored(String itemId, double score) {
    }

    /** One tumbling bucket of a category: its start and its kept items. */
    public record Bucket(Instant start, List<Scored> items) {
    }

    /** A hopping window's top items. */
    public record Window(Instant start, Instant end, List<Scored> items) {
    }

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::itemId);

    private final long windowMillis;
    private final long advanceMillis;

    public TrendingView(Duration window, Duration advance) {
        this.windowMillis = window.toMillis();
        this.advanceMillis = advance.toMillis();
        if (advanceMillis <= 0 || windowMillis % advanceMillis != 0) {
            throw new IllegalArgumentException("recommendations.trending.window must be a multiple of its advance");
        }
    }

    /** Start of the earliest hopping window that contains {@code point}: the first bucket to read. */
    public Instant firstBucket(Instant point) {
        return Instant.ofEpochMilli(Math.floorDiv(point.toEpochMilli() - windowMillis, advanceMillis) * advanceMillis
                + advanceMillis);
    }

    /** Start of the last bucket of the latest hopping window that contains {@code point}. */
    public Instant lastBucket(Instant point) {
        return Instant.ofEpochMilli(Math.floorDiv(point.toEpochMilli(), advanceMillis) * advanceMillis
                + windowMillis - advanceMillis);
    }

    /**
     * Of the hopping windows containing {@code point}, the earliest-starting one that saw an interaction, from
     * the category's buckets between {@link #firstBucket} and {@link #lastBucket} (in start order); its best
     * {@code limit} items.
     */
    public Optional<Window> at(Instant point, List<Bucket> buckets, int limit) {
        long first = firstBucket(point).toEpochMilli();
        long last = lastBucket(point).toEpochMilli();
        long earliest = Long.MAX_VALUE;
        for (Bucket bucket : buckets) {
            long start = bucket.start().toEpochMilli();
            if (start >= first && start <= last && !bucket.items().isEmpty()) {
                earliest = Math.min(earliest, start);
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return Optional.empty();
        }
        long windowStart = Math.max(first, earliest - windowMillis + advanceMillis);
        long windowEnd = windowStart + windowMillis;
        Map<String, Double> sums = new HashMap<>();
        for (Bucket bucket : buckets) {
            long start = bucket.start().toEpochMilli();
            if (start >= windowStart && start < windowEnd) {
                bucket.items().forEach(item -> sums.merge(item.itemId(), item.score(), Double::sum));
            }
        }
        List<Scored> items = new ArrayList<>(sums.size());
        sums.forEach((itemId, score) -> items.add(new Scored(itemId, score)));
        items.sort(BEST_FIRST);
        return Optional.of(new Window(Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd),
                List.copyOf(items.subList(0, Math.min(limit, items.size())))));
    }
}
