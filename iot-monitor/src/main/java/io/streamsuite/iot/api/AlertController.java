package io.streamsuite.iot.api;

import io.streamsuite.iot.IotTopics;
import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The conditions open now, of all instances: breaches not yet cleared, silent devices, drift, low
 * batteries. A SPIKE is one reading, not a condition, so it is on iot.alerts only.
 */
@RestController
@StoreQueryApi
@RequestMapping("/api/alerts")
@Tag(name = "Alerts", description = "Open device alerts")
public class AlertController {

    private final StoreQueryService queries;

    public AlertController(StoreQueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/active")
    @Operation(summary = "Alerts whose condition is still open",
            description = "The alert that opened each condition (THRESHOLD_BREACH, SILENT, DRIFT, LOW_BATTERY), by device id. "
                    + "Merged from every instance; pass nextCursor back as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of DeviceAlerts")
    @ApiResponse(responseCode = "400", description = "A limit out of range or a malformed cursor")
    @ApiResponse(responseCode = "503", description = "A store is restoring or rebalancing; retry after Retry-After")
    public AlertsPage active(@Parameter(description = "Alerts per page (default and maximum from streams-kit.query)")
                             @RequestParam(required = false) Integer limit,
                             @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        StoreEntries page = queries.range(IotTopics.ACTIVE_ALERTS_STORE, null, null, limit, cursor);
        return new AlertsPage(page.items().stream().map(StoreEntry::value).toList(), page.nextCursor());
    }

    /** One page of open alerts; {@code nextCursor} is null on the last page. */
    public record AlertsPage(List<JsonNode> items, String nextCursor) {
    }
}
