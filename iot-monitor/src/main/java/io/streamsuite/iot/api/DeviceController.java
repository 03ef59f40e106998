package io.streamsuite.iot.api;

import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.IotTopics;
import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** One device's status and its windowed readings, answered by any instance (the kit forwards to the owner). */
@RestController
@StoreQueryApi
@RequestMapping("/api/devices")
@Tag(name = "Devices", description = "Status and windowed readings of one device")
public class DeviceController {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final StoreQueryService queries;
    private final IotSettings settings;

    public DeviceController(StoreQueryService queries, IotSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping("/{deviceId}/status")
    @Operation(summary = "Status of a device",
            description = "OK, WARNING (drifting or low battery), ALERTING (outside its thresholds) or SILENT; last reading and alert count.")
    @ApiResponse(responseCode = "200", description = "The device's DeviceStatus")
    @ApiResponse(responseCode = "400", description = "A malformed device id")
    @ApiResponse(responseCode = "404", description = "No reading of this device was seen")
    @ApiResponse(responseCode = "503", description = "The device's store is restoring or rebalancing; retry after Retry-After")
    public JsonNode status(@Parameter(description = "Device id") @PathVariable String deviceId) {
        String id = Identifiers.deviceId(deviceId);
        return queries.get(IotTopics.DEVICE_STATUS_STORE, id).map(StoreEntry::value)
                .orElseThrow(() -> new KeyNotFoundException(IotTopics.DEVICE_STATUS_STORE, id));
    }

    @GetMapping("/{deviceId}/readings")
    @Operation(summary = "Windowed statistics of a device's readings",
            description = "Count, min, max and mean per iot.readings.window, for windows starting between from and to "
                    + "(ISO-8601 instants; by default the last hour). Windows without readings are left out.")
    @ApiResponse(responseCode = "200", description = "The device's windows")
    @ApiResponse(responseCode = "400", description = "Malformed device id or time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The device's store is restoring or rebalancing; retry after Retry-After")
    public ReadingsView readings(@Parameter(description = "Device id") @PathVariable String deviceId,
                                 @Parameter(description = "Earliest window start, ISO-8601") @RequestParam(required = false) String from,
                                 @Parameter(description = "Latest window start, ISO-8601") @RequestParam(required = false) String to) {
        String id = Identifiers.deviceId(deviceId);
        QueryRange range = QueryRange.parse(from, to, DEFAULT_RANGE, settings.readingsRetention(), "iot.readings.retention");
        Instant start = range.from();
        Instant end = range.to();
        List<ReadingsView.Window> windows = queries.windows(IotTopics.DEVICE_READINGS_STORE, id, start, end).items().stream()
                .map(DeviceController::window)
                .toList();
        return new ReadingsView(id, start, end, settings.readingsWindow(), windows);
    }

    private static ReadingsView.Window window(StoreEntry entry) {
        JsonNode summary = entry.value();
        return new ReadingsView.Window(AvroJson.parseInstant(entry.key().get("windowStart").asString()),
                AvroJson.parseInstant(entry.key().get("windowEnd").asString()), summary.get("count").asLong(),
                summary.get("min").asDouble(), summary.get("max").asDouble(), summary.get("mean").asDouble());
    }
}
