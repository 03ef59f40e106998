package io.streamsuite.fraud.api;

import io.streamsuite.fraud.FraudTopics;
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

/** The most recent fraud alerts of all instances, newest first. */
@RestController
@StoreQueryApi
@RequestMapping("/api/alerts")
@Tag(name = "Alerts", description = "Recent fraud alerts")
public class AlertController {

    private final StoreQueryService queries;

    public AlertController(StoreQueryService queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Most recent alerts, newest first",
            description = "Merged from every instance; each keeps its newest fraud.alerts.recent-per-partition alerts per partition. "
                    + "Pass nextCursor back as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of FraudAlerts (card token and last four digits only)")
    @ApiResponse(responseCode = "400", description = "A limit out of range or a malformed cursor")
    public AlertsPage alerts(@Parameter(description = "Alerts per page (default and maximum from streams-kit.query)")
                             @RequestParam(required = false) Integer limit,
                             @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        StoreEntries page = queries.range(FraudTopics.RECENT_ALERTS_STORE, null, null, limit, cursor);
        return new AlertsPage(page.items().stream().map(StoreEntry::value).toList(), page.nextCursor());
    }

    /** One page of alerts; {@code nextCursor} is null on the last page. */
    public record AlertsPage(List<JsonNode> items, String nextCursor) {
    }
}
