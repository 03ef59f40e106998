package io.streamsuite.metrics.api;

import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.metrics.MetricsSettings;
import io.streamsuite.metrics.MetricsTopics;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The most viewed pages of the minute holding {@code at}, across all partitions: one key lookup by window start. */
@RestController
@StoreQueryApi
@RequestMapping("/api/top-pages")
@Tag(name = "Top pages", description = "Most viewed pages per minute")
public class TopPagesController {

    private final StoreQueryService queries;
    private final MetricsSettings settings;

    public TopPagesController(StoreQueryService queries, MetricsSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "Top pages of the minute holding at",
            description = "The metrics.top-pages.size most viewed pages of the closed minute window containing at "
                    + "(ISO-8601 or epoch ms; by default now), most viewed first. Exact: built from each page's final count.")
    @ApiResponse(responseCode = "200", description = "The window's TopPages")
    @ApiResponse(responseCode = "400", description = "A malformed time")
    @ApiResponse(responseCode = "404", description = "That window has not closed yet or had no views")
    @ApiResponse(responseCode = "503", description = "The store is restoring or rebalancing; retry after Retry-After")
    public JsonNode topPages(@Parameter(description = "An instant inside the window") @RequestParam(required = false) String at) {
        Instant instant = QueryRange.instant("at", at, Instant.now());
        long window = settings.window().toMillis();
        long start = instant.toEpochMilli() - Math.floorMod(instant.toEpochMilli(), window);
        String key = String.valueOf(start);
        return queries.get(MetricsTopics.TOP_PAGES_STORE, key)
                .map(StoreEntry::value)
                .orElseThrow(() -> new KeyNotFoundException(MetricsTopics.TOP_PAGES_STORE, Instant.ofEpochMilli(start).toString()));
    }
}
