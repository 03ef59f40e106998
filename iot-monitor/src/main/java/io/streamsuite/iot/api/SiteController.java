package io.streamsuite.iot.api;

import io.streamsuite.iot.IotTopics;
import io.streamsuite.iot.sites.SiteKeys;
import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The status of every device of a site, and every site's devices by state. A site's devices are spread
 * over every partition, so these are key ranges (site/...) fanned out to every instance and merged by the kit.
 */
@RestController
@StoreQueryApi
@RequestMapping("/api/sites")
@Tag(name = "Sites", description = "Devices of a site, sites by device state")
public class SiteController {

    private final StoreQueryService queries;

    public SiteController(StoreQueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/{site}/devices")
    @Operation(summary = "Status of every device of a site",
            description = "Merged from every instance, in device id order. Pass nextCursor back as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of DeviceStatus records")
    @ApiResponse(responseCode = "400", description = "A malformed site, a limit out of range or a malformed cursor")
    @ApiResponse(responseCode = "503", description = "A store is restoring or rebalancing; retry after Retry-After")
    public DevicesPage devices(@Parameter(description = "Site, e.g. site-01") @PathVariable String site,
                               @Parameter(description = "Devices per page (default and maximum from streams-kit.query)")
                               @RequestParam(required = false) Integer limit,
                               @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        String checked = Identifiers.site(site);
        StoreEntries page = queries.range(IotTopics.SITE_DEVICES_STORE, SiteKeys.firstOf(checked), SiteKeys.lastOf(checked),
                limit, cursor);
        return new DevicesPage(checked, page.items().stream().map(StoreEntry::value).toList(), page.nextCursor());
    }

    @GetMapping
    @Operation(summary = "Every site with its devices counted by state",
            description = "Devices per state (OK, WARNING, ALERTING, SILENT, UNKNOWN) and alerts raised, per site, in site "
                    + "order: every device's status, merged from every instance.")
    @ApiResponse(responseCode = "200", description = "One SiteSummary per site")
    @ApiResponse(responseCode = "503", description = "A store is restoring or rebalancing; retry after Retry-After")
    public Sites sites() {
        Map<String, SiteSummary> sites = new TreeMap<>();
        String cursor = null;
        do {
            StoreEntries page = queries.range(IotTopics.SITE_DEVICES_STORE, null, null, null, cursor);
            for (StoreEntry entry : page.items()) {
                JsonNode device = entry.value();
                sites.merge(device.get("site").asString(), SiteSummary.of(device), SiteSummary::plus);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Sites(List.copyOf(sites.values()));
    }

    public record Sites(List<SiteSummary> items) {
    }

    /** A site's devices by state, and the alerts raised for them so far. */
    public record SiteSummary(String site, long devices, long ok, long warning, long alerting, long silent, long unknown,
                              long alerts) {

        static SiteSummary of(JsonNode device) {
            String state = device.get("status").asString();
            return new SiteSummary(device.get("site").asString(), 1, is(state, "OK"), is(state, "WARNING"),
                    is(state, "ALERTING"), is(state, "SILENT"), is(state, "UNKNOWN"), device.get("alertCount").asLong());
        }

        SiteSummary plus(SiteSummary other) {
            return new SiteSummary(site, devices + other.devices, ok + other.ok, warning + other.warning,
                    alerting + other.alerting, silent + other.silent, unknown + other.unknown, alerts + other.alerts);
        }

        private static long is(String state, String wanted) {
            return state.equals(wanted) ? 1 : 0;
        }
    }

    /** One page of a site's devices; {@code nextCursor} is null on the last page. */
    public record DevicesPage(String site, List<JsonNode> items, String nextCursor) {
    }
}
