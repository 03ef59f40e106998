package io.streamsuite.metrics.pages;

import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import com.datadoghq.sketch.ddsketch.DDSketch;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageViewWindow;
import java.time.Instant;

/** A closed page window as published on analytics.page-counts: counts, visitors and latency percentiles. */
public final class PageWindows {

    private PageWindows() {
    }

    public static PageViewWindow of(String page, long windowStart, long windowEnd, PageMinute minute) {
        byte[] latency = PageMinutes.bytes(minute.getLatencySketch());
        byte[] visitors = PageMinutes.bytes(minute.getVisitorSketch());
        DDSketch sketch = latency.length == 0 ? null : Quantiles.decode(latency);
        long unique = visitors.length == 0 ? 0 : DistinctCounts.estimate(DistinctCounts.decode(visitors));
        return PageViewWindow.newBuilder()
                .setPage(page)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setViews(minute.getViews())
                .setErrorCount(minute.getErrors())
                .setUniqueUsers(unique)
                .setAvgLatencyMs(sketch == null || sketch.getCount() == 0 ? 0 : sketch.getSum() / sketch.getCount())
                .setP50LatencyMs(quantile(sketch, 0.5))
                .setP95LatencyMs(sketch == null ? 0 : quantile(sketch, 0.95))
                .setP99LatencyMs(quantile(sketch, 0.99))
                .build();
    }

    private static Long quantile(DDSketch sketch, double q) {
        Double value = sketch == null ? null : Quantiles.valueAt(sketch, q);
        return value == null ? null : Math.round(value);
    }
}
