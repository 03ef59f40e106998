package io.streamsuite.recommendations.api;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.QueryRange;
import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.recommendations.RecommendationSettings;
import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.recommendations.trending.TrendingView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The most popular items of a category in the last window. */
@RestController
@StoreQueryApi
@RequestMapping("/api/categories")
@Tag(name = "Categories", description = "Trending items per category")
public class CategoryController {

    private final StoreQueryService queries;
    private final RecommendationSettings settings;
    private final TrendingView view;

    public CategoryController(StoreQueryService queries, RecommendationSettings settings) {
        this.queries = queries;
        this.settings = settings;
        this.view = new TrendingView(settings.trendingWindow(), settings.trendingAdvance());
    }

    @GetMapping("/{category}/trending")
    @Operation(summary = "Trending items of a category, most popular first",
            description = "Interactions weighted by kind in the hopping window (recommendations.trending.window, advancing by "
                    + "recommendations.trending.advance) that covers the full window up to 'at' (default now): of the windows "
                    + "containing 'at', the earliest-starting one that saw an interaction.")
    @ApiResponse(responseCode = "200", description = "category, windowStart, windowEnd and items (itemId, score)")
    @ApiResponse(responseCode = "400", description = "A malformed category, time or limit")
    @ApiResponse(responseCode = "404", description = "No interaction in this category in a window containing 'at'")
    @ApiResponse(responseCode = "503", description = "The category's store is restoring or rebalancing; retry after Retry-After")
    public TrendingWindow trending(@Parameter(description = "Catalog category") @PathVariable String category,
                                   @Parameter(description = "Point in time, ISO-8601 (default now)") @RequestParam(required = false) String at,
                                   @Parameter(description = "Most items returned (default and maximum: recommendations.trending.size)")
                                   @RequestParam(required = false) String limit) {
        String id = QueryInputs.id("category", category);
        int max = QueryInputs.limit(limit, settings.trendingSize(), settings.trendingSize());
        Instant point = QueryRange.instant("at", at, Instant.now());
        List<TrendingView.Bucket> buckets = queries.windows(RecommendationTopics.TRENDING_STORE, id,
                view.firstBucket(point), view.lastBucket(point)).items().stream().map(CategoryController::bucket).toList();
        return view.at(point, buckets, max).map(window -> new TrendingWindow(id, window))
                .orElseThrow(() -> new KeyNotFoundException(RecommendationTopics.TRENDING_STORE, id));
    }

    @GetMapping("/trending")
    @Operation(summary = "Trending items of every category, most popular first",
            description = "For each category with an interaction in a window containing 'at' (default now), what "
                    + "/api/categories/{category}/trending answers: the earliest-starting such window, its top items. In category order.")
    @ApiResponse(responseCode = "200", description = "items: one TrendingWindow per category")
    @ApiResponse(responseCode = "400", description = "A malformed time or limit")
    @ApiResponse(responseCode = "503", description = "A store is restoring or rebalancing; retry after Retry-After")
    public AllCategories trendingOfEveryCategory(
            @Parameter(description = "Point in time, ISO-8601 (default now)") @RequestParam(required = false) String at,
            @Parameter(description = "Most items per category (default and maximum: recommendations.trending.size)")
            @RequestParam(required = false) String limit) {
        int max = QueryInputs.limit(limit, settings.trendingSize(), settings.trendingSize());
        Instant point = QueryRange.instant("at", at, Instant.now());
        // Buckets of every key come in key order, then start order.
        Map<String, List<TrendingView.Bucket>> byCategory = new TreeMap<>();
        String cursor = null;
        do {
            StoreEntries page = queries.windowsOfAllKeys(RecommendationTopics.TRENDING_STORE, view.firstBucket(point),
                    view.lastBucket(point), null, cursor);
            page.items().forEach(entry -> byCategory.computeIfAbsent(entry.key().get("key").asString(),
                    category -> new ArrayList<>()).add(bucket(entry)));
            cursor = page.nextCursor();
        } while (cursor != null);
        List<TrendingWindow> windows = new ArrayList<>();
        byCategory.forEach((category, buckets) -> view.at(point, buckets, max)
                .ifPresent(window -> windows.add(new TrendingWindow(category, window))));
        return new AllCategories(point, windows);
    }

    private static TrendingView.Bucket bucket(StoreEntry entry) {
        List<TrendingView.Scored> items = new ArrayList<>();
        for (JsonNode item : entry.value().get("items")) {
            items.add(new TrendingView.Scored(item.get("itemId").asString(), item.get("score").asDouble()));
        }
        return new TrendingView.Bucket(AvroJson.parseInstant(entry.key().get("windowStart").asString()), items);
    }

    /** Every category's top items at {@code at}. */
    public record AllCategories(Instant at, List<TrendingWindow> items) {
    }

    /** One category's top items in one window. */
    public record TrendingWindow(String category, Instant windowStart, Instant windowEnd, List<TrendingView.Scored> items) {

        TrendingWindow(String category, TrendingView.Window window) {
            this(category, window.start(), window.end(), window.items());
        }
    }
}
