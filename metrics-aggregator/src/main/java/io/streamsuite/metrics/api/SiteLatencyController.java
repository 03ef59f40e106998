package io.streamsuite.metrics.api;

import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.metrics.MetricsSettings;
import io.streamsuite.metrics.MetricsTopics;
import io.streamsuite.metrics.latency.LatencySummary;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Latency percentiles of the whole site per minute: every page's minute sketch of a window merged
 * into one (a fan-out over every instance's page minutes), so a minute's p99 is that of all its views.
 */
@RestController
@StoreQueryApi
@RequestMapping("/api/latency")
@Tag(name = "Site", description = "Latency percentiles of every page together")
public class SiteLatencyController {

    private static final Duration DEFAULT_RANGE = Duration.ofMinutes(15);

    private final StoreQueryService queries;
    private final MetricsSettings settings;

    public SiteLatencyController(StoreQueryService queries, MetricsSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "Latency percentiles of every page together, per minute and merged over the range",
            description = "p50, p95 and p99 in milliseconds of the minute windows starting between from and to (ISO-8601 or "
                    + "epoch ms; by default the last 15 minutes), each window the merge of every page's DDSketch of that minute. "
                    + "Windows still open count what arrived so far.")
    @ApiResponse(responseCode = "200", description = "Per-minute and merged percentiles of the site, windows oldest first")
    @ApiResponse(responseCode = "400", description = "A malformed time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "A store is restoring or rebalancing; retry after Retry-After")
    public SiteLatency latency(@Parameter(description = "Earliest window start") @RequestParam(required = false) String from,
                               @Parameter(description = "Latest window start") @RequestParam(required = false) String to) {
        QueryRange range = QueryRange.parse(from, to, DEFAULT_RANGE, settings.retention(), "metrics.pages.retention");
        long window = settings.window().toMillis();
        Instant firstStart = Instant.ofEpochMilli(range.from().toEpochMilli() - Math.floorMod(range.from().toEpochMilli(), window));
        Map<Long, List<PageMinute>> byStart = new TreeMap<>();
        List<PageMinute> all = new ArrayList<>();
        String cursor = null;
        do {
            StoreEntries page = queries.windowsOfAllKeys(MetricsTopics.PAGE_MINUTES_STORE, firstStart, range.to(), null, cursor);
            for (KeyValue<Long, PageMinute> minute : PageMinuteEntries.of(page)) {
                byStart.computeIfAbsent(minute.key, start -> new ArrayList<>()).add(minute.value);
                all.add(minute.value);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<PageViews.LatencyWindow> windows = byStart.entrySet().stream().map(e -> new PageViews.LatencyWindow(
                Instant.ofEpochMilli(e.getKey()), Instant.ofEpochMilli(e.getKey() + window),
                percentiles(LatencySummary.merge(settings.quantiles(), e.getValue())))).toList();
        return new SiteLatency(range.from(), range.to(), settings.quantiles().relativeAccuracy(),
                percentiles(LatencySummary.merge(settings.quantiles(), all)), windows);
    }

    private static PageViews.Percentiles percentiles(LatencySummary summary) {
        return new PageViews.Percentiles(summary.count(), summary.p50(), summary.p95(), summary.p99());
    }

    /** Every page's views together; {@code windows} oldest first. */
    public record SiteLatency(Instant from, Instant to, double relativeAccuracy, PageViews.Percentiles merged,
                              List<PageViews.LatencyWindow> windows) {
    }
}
