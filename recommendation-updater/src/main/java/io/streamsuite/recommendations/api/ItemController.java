package io.streamsuite.recommendations.api;

import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.recommendations.RecommendationSettings;
import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Items related to an item, and an item's view → purchase conversion per window. */
@RestController
@StoreQueryApi
@RequestMapping("/api/items")
@Tag(name = "Items", description = "Similar items and conversion of one item")
public class ItemController {

    private static final Duration DEFAULT_CONVERSION_RANGE = Duration.ofHours(24);

    private final StoreQueryService queries;
    private final RecommendationSettings settings;

    public ItemController(StoreQueryService queries, RecommendationSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping("/{itemId}/similar")
    @Operation(summary = "Items most often seen together with this one, strongest first",
            description = "Co-occurrence in users' recent histories, weighted by kind (purchase > cart > view) and decayed "
                    + "with recommendations.co-occurrence.half-life. At most recommendations.co-occurrence.related items.")
    @ApiResponse(responseCode = "200", description = "itemId, related (itemId, weight) and updatedAt")
    @ApiResponse(responseCode = "400", description = "A malformed item id, or limit not a number from 1 to the related-items bound")
    @ApiResponse(responseCode = "404", description = "No co-occurrence of this item was seen")
    @ApiResponse(responseCode = "503", description = "The item's store is restoring or rebalancing; retry after Retry-After")
    public SimilarItems similar(@Parameter(description = "Item id") @PathVariable String itemId,
                                @Parameter(description = "Most items returned (default 10)") @RequestParam(required = false) String limit) {
        String id = QueryInputs.id("itemId", itemId);
        int max = QueryInputs.limit(limit, Math.min(10, settings.relatedSize()), settings.relatedSize());
        JsonNode related = queries.get(RecommendationTopics.RELATED_ITEMS_STORE, id)
                .map(StoreEntry::value)
                .orElseThrow(() -> new KeyNotFoundException(RecommendationTopics.RELATED_ITEMS_STORE, id));
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : related.get("related")) {
            if (items.size() == max) {
                break;
            }
            items.add(item);
        }
        return new SimilarItems(id, items, related.get("updatedAt").asString());
    }

    @GetMapping("/{itemId}/conversion")
    @Operation(summary = "Views and converted purchases of an item per tumbling window",
            description = "A purchase converts when the same user viewed the same item at most recommendations.conversion.within "
                    + "before it; several views before one purchase are one conversion. Windows starting between from and to "
                    + "(ISO-8601; by default the last 24 hours) that saw a view or a conversion.")
    @ApiResponse(responseCode = "200", description = "The item's windows: windowStart, windowEnd, views, convertedPurchases, rate")
    @ApiResponse(responseCode = "400", description = "Malformed item id or time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The item's store is restoring or rebalancing; retry after Retry-After")
    public ConversionWindows conversion(@Parameter(description = "Item id") @PathVariable String itemId,
                                        @Parameter(description = "Earliest window start, ISO-8601") @RequestParam(required = false) String from,
                                        @Parameter(description = "Latest window start, ISO-8601") @RequestParam(required = false) String to) {
        String id = QueryInputs.id("itemId", itemId);
        QueryRange range = QueryRange.parse(from, to, DEFAULT_CONVERSION_RANGE, settings.windowRetention(),
                "recommendations.window-retention");
        Instant start = range.from();
        Instant end = range.to();
        List<ConversionWindows.Window> windows = new ArrayList<>();
        for (StoreEntry entry : queries.windows(RecommendationTopics.CONVERSIONS_STORE, id, start, end).items()) {
            JsonNode counts = entry.value();
            windows.add(new ConversionWindows.Window(
                    AvroJson.parseInstant(entry.key().get("windowStart").asString()),
                    AvroJson.parseInstant(entry.key().get("windowEnd").asString()),
                    counts.get("views").asLong(), counts.get("convertedPurchases").asLong(), counts.get("rate").asDouble()));
        }
        return new ConversionWindows(id, start, end, windows);
    }

    /** Related items of one item, strongest first. */
    public record SimilarItems(String itemId, List<JsonNode> related, String updatedAt) {
    }
}
