package io.streamsuite.kit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One answer from a store. {@code key} is the key as JSON, or {@code {key, windowStart, windowEnd}}
 * for windowed and session stores; {@code timestamp} (ISO-8601) only for timestamped stores.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreEntry(JsonNode key, JsonNode value, String timestamp) {
}
