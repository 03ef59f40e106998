package io.streamsuite.metrics.api;

import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.metrics.MetricsSettings;
import io.streamsuite.metrics.MetricsTopics;
import io.streamsuite.metrics.latency.LatencySummary;
import io.streamsuite.metrics.pages.PagePaths;
import io.streamsuite.metrics.visitors.VisitorCounts;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Views, errors, latency and visitors of one page over a time range, from its minute windows. The
 * page is a query parameter (paths hold slashes); the query goes to the instance owning the page.
 */
@RestController
@StoreQueryApi
@RequestMapping("/api/pages")
@Tag(name = "Pages", description = "Traffic of one page: counts, latency percentiles, unique visitors")
public class PageController {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final StoreQueryService queries;
    private final MetricsSettings settings;
    private final VisitorCounts visitorCounts;

    public PageController(StoreQueryService queries, MetricsSettings settings) {
        this.queries = queries;
        this.settings = settings;
        this.visitorCounts = new VisitorCounts(settings);
    }

    @GetMapping("/counts")
    @Operation(summary = "Views and 5xx errors of a page per minute",
            description = "Minute windows starting between from and to (ISO-8601 or epoch ms; by default the last hour). "
                    + "Windows still open count what arrived so far; analytics.page-counts carries each window once, final.")
    @ApiResponse(responseCode = "200", description = "The page's windows with at least one view, and their totals")
    @ApiResponse(responseCode = "400", description = "No page, a page not starting with '/', a malformed time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The page's store is restoring or rebalancing; retry after Retry-After")
    public PageViews.Counts counts(@Parameter(description = "Page path, e.g. /products/42") @RequestParam(required = false) String page,
                                   @Parameter(description = "Earliest window start") @RequestParam(required = false) String from,
                                   @Parameter(description = "Latest window start") @RequestParam(required = false) String to) {
        String path = page(page);
        QueryRange range = range(from, to);
        List<KeyValue<Long, PageMinute>> minutes = minutes(path, range.from(), range.to());
        List<PageViews.CountWindow> windows = minutes.stream().map(m -> new PageViews.CountWindow(start(m), end(m),
                m.value.getViews(), m.value.getErrors(),
                m.value.getViews() == 0 ? 0 : (double) m.value.getErrors() / m.value.getViews())).toList();
        return new PageViews.Counts(path, range.from(), range.to(),
                minutes.stream().mapToLong(m -> m.value.getViews()).sum(),
                minutes.stream().mapToLong(m -> m.value.getErrors()).sum(), windows);
    }

    @GetMapping("/latency")
    @Operation(summary = "Latency percentiles of a page per minute and merged over the range",
            description = "p50, p95 and p99 in milliseconds from DDSketches (metrics.latency.relative-accuracy, 1 %). "
                    + "merged is one sketch of every view in the range: its p99 is the range's p99, not an average.")
    @ApiResponse(responseCode = "200", description = "Per-minute and merged percentiles (null when no views)")
    @ApiResponse(responseCode = "400", description = "No page, a page not starting with '/', a malformed time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The page's store is restoring or rebalancing; retry after Retry-After")
    public PageViews.Latency latency(@Parameter(description = "Page path, e.g. /products/42") @RequestParam(required = false) String page,
                                     @Parameter(description = "Earliest window start") @RequestParam(required = false) String from,
                                     @Parameter(description = "Latest window start") @RequestParam(required = false) String to) {
        String path = page(page);
        QueryRange range = range(from, to);
        List<KeyValue<Long, PageMinute>> minutes = minutes(path, range.from(), range.to());
        List<PageViews.LatencyWindow> windows = minutes.stream().map(m -> new PageViews.LatencyWindow(start(m), end(m),
                percentiles(LatencySummary.of(settings.quantiles(), m.value)))).toList();
        LatencySummary merged = LatencySummary.merge(settings.quantiles(), minutes.stream().map(m -> m.value).toList());
        return new PageViews.Latency(path, range.from(), range.to(), settings.quantiles().relativeAccuracy(),
                percentiles(merged), windows);
    }

    @GetMapping("/visitors")
    @Operation(summary = "Unique visitors of a page in hopping windows",
            description = "Windows metrics.visitors.window long (5 minutes), one starting every minute between from and to, "
                    + "each the union of its minutes' HyperLogLog sketches; total is the union over the whole range. Probes are no visitors.")
    @ApiResponse(responseCode = "200", description = "Distinct visitors per hopping window (estimates, about 1 % error) and in total")
    @ApiResponse(responseCode = "400", description = "No page, a page not starting with '/', a malformed time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The page's store is restoring or rebalancing; retry after Retry-After")
    public PageViews.Visitors visitors(@Parameter(description = "Page path, e.g. /products/42") @RequestParam(required = false) String page,
                                       @Parameter(description = "Earliest window start") @RequestParam(required = false) String from,
                                       @Parameter(description = "Latest window start") @RequestParam(required = false) String to) {
        String path = page(page);
        QueryRange range = range(from, to);
        List<KeyValue<Long, PageMinute>> buckets = minutes(path, range.from(), range.to().plusMillis(visitorCounts.lookAhead()));
        List<PageViews.VisitorWindow> windows = visitorCounts.hopping(buckets, range.from(), range.to()).stream()
                .map(w -> new PageViews.VisitorWindow(w.start(), w.end(), w.visitors())).toList();
        return new PageViews.Visitors(path, range.from(), range.to(), settings.visitorWindow().toString(),
                visitorCounts.total(buckets), windows);
    }

    private List<KeyValue<Long, PageMinute>> minutes(String page, Instant from, Instant to) {
        long window = settings.window().toMillis();
        Instant firstStart = Instant.ofEpochMilli(from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), window));
        return PageMinuteEntries.of(queries.windows(MetricsTopics.PAGE_MINUTES_STORE, page, firstStart, to));
    }

    private QueryRange range(String from, String to) {
        return QueryRange.parse(from, to, DEFAULT_RANGE, settings.retention(), "metrics.pages.retention");
    }

    private Instant start(KeyValue<Long, PageMinute> minute) {
        return Instant.ofEpochMilli(minute.key);
    }

    private Instant end(KeyValue<Long, PageMinute> minute) {
        return Instant.ofEpochMilli(minute.key + settings.window().toMillis());
    }

    private static PageViews.Percentiles percentiles(LatencySummary summary) {
        return new PageViews.Percentiles(summary.count(), summary.p50(), summary.p95(), summary.p99());
    }

    private static String page(String page) {
        String problem = PagePaths.problem(page);
        if (problem != null) {
            throw new InvalidQueryException("page: " + problem);
        }
        return page;
    }
}
