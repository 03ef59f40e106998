package io.streamsuite.recommendations.trending;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.recommendations.trending.TrendingView.Bucket;
import io.streamsuite.recommendations.trending.TrendingView.Scored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrendingViewTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration ADVANCE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TrendingView view = new TrendingView(WINDOW, ADVANCE);

    @Test
    void sumsTheBucketsOfTheEarliestHoppingWindowContainingThePoint() {
        List<Bucket> buckets = List.of(
                bucket(T0, new Scored("A", 1)),
                bucket(T0.plus(Duration.ofMinutes(3)), new Scored("A", 2), new Scored("B", 4)),
                bucket(T0.plus(Duration.ofMinutes(12)), new Scored("B", 1)));

        TrendingView.Window window = view.at(T0.plusSeconds(330), buckets, 10).orElseThrow();

        assertThat(window.start()).isEqualTo(T0.minus(Duration.ofMinutes(4)));
        assertThat(window.end()).isEqualTo(T0.plus(Duration.ofMinutes(6)));
        assertThat(window.items()).containsExactly(new Scored("B", 4), new Scored("A", 3));
    }

    @Test
    void aPointWithoutInteractionsInAnyWindowContainingItHasNoWindow() {
        List<Bucket> buckets = List.of(bucket(T0, new Scored("A", 1)));

        assertThat(view.at(T0.plus(Duration.ofMinutes(10)), buckets, 10)).isEmpty();
        assertThat(view.at(T0.minus(Duration.ofMinutes(10)), buckets, 10)).isEmpty();
        assertThat(view.at(T0.minus(Duration.ofMinutes(9)), buckets, 10)).isPresent();
    }

    @Test
    void answersWhatTenMinuteHoppingWindowsOverTheSameInteractionsAnswer() {
        Random random = new Random(5);
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(new long[] {T0.toEpochMilli() + random.nextInt(40 * 60_000), random.nextInt(12), 1 + random.nextInt(4)});
        }
        Map<Long, Map<String, Double>> byBucket = new TreeMap<>();
        for (long[] event : events) {
            long start = Math.floorDiv(event[0], ADVANCE.toMillis()) * ADVANCE.toMillis();
            byBucket.computeIfAbsent(start, s -> new HashMap<>()).merge("item-" + event[1], (double) event[2], Double::sum);
        }
        List<Bucket> buckets = new ArrayList<>();
        byBucket.forEach((start, items) -> buckets.add(new Bucket(Instant.ofEpochMilli(start),
                items.entrySet().stream().map(e -> new Scored(e.getKey(), e.getValue())).toList())));

        for (int minute = -12; minute < 55; minute++) {
            Instant point = T0.plus(Duration.ofMinutes(minute)).plusSeconds(random.nextInt(60));
            Optional<TrendingView.Window> expected = hopping(events, point);
            Optional<TrendingView.Window> actual = view.at(point, buckets, 5);
            assertThat(actual).as("at " + point).isEqualTo(expected);
        }
    }

    /** By definition: of the hopping windows containing the point, the earliest-starting one with an event. */
    private static Optional<TrendingView.Window> hopping(List<long[]> events, Instant point) {
        long advance = ADVANCE.toMillis();
        long size = WINDOW.toMillis();
        for (long start = Math.floorDiv(point.toEpochMilli() - size, advance) * advance + advance;
             start <= point.toEpochMilli(); start += advance) {
            Map<String, Double> sums = new HashMap<>();
            for (long[] event : events) {
                if (event[0] >= start && event[0] < start + size) {
                    sums.merge("item-" + event[1], (double) event[2], Double::sum);
                }
            }
            if (!sums.isEmpty()) {
                List<Scored> items = sums.entrySet().stream().map(e -> new Scored(e.getKey(), e.getValue()))
                        .sorted((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                                : a.itemId().compareTo(b.itemId()))
                        .limit(5).toList();
                return Optional.of(new TrendingView.Window(Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(start + size), items));
            }
        }
        return Optional.empty();
    }

    private static Bucket bucket(Instant start, Scored... items) {
        return new Bucket(start, List.of(items));
    }
}
