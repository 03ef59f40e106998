package io.streamsuite.metrics.latency;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.metrics.pages.PageMinutes;
import io.streamsuite.schemas.web.PageMinute;
import java.util.Collection;
import java.util.List;

/**
 * Latency percentiles of one or more page minutes. Several minutes are merged into one sketch first,
 * so an hour's p99 is the p99 of the hour's views (to the sketch's relative accuracy), not an
 * average of the minutes' p99s. Percentiles are null when there were no views.
 */
public record LatencySummary(long count, Double p50, Double p95, Double p99) {

    public static LatencySummary of(Quantiles quantiles, PageMinute minute) {
        return merge(quantiles, List.of(minute));
    }

    public static LatencySummary merge(Quantiles quantiles, Collection<PageMinute> minutes) {
        DDSketch merged = quantiles.merge(minutes.stream().map(m -> PageMinutes.bytes(m.getLatencySketch())).toList());
        return new LatencySummary(Math.round(merged.getCount()), Quantiles.valueAt(merged, 0.5),
                Quantiles.valueAt(merged, 0.95), Quantiles.valueAt(merged, 0.99));
    }
}
