package io.streamsuite.metrics.api;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.StoreEntries;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.schemas.web.PageMinute;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import tools.jackson.databind.JsonNode;

/** The query layer's JSON of page-minute windows back to PageMinutes keyed by window start (sketch bytes are base64). */
final class PageMinuteEntries {

    private PageMinuteEntries() {
    }

    static List<KeyValue<Long, PageMinute>> of(StoreEntries entries) {
        List<KeyValue<Long, PageMinute>> minutes = new ArrayList<>(entries.items().size());
        for (StoreEntry entry : entries.items()) {
            long start = AvroJson.parseInstant(entry.key().get("windowStart").asString()).toEpochMilli();
            JsonNode value = entry.value();
            minutes.add(KeyValue.pair(start, new PageMinute(value.get("views").asLong(), value.get("errors").asLong(),
                    bytes(value.get("latencySketch")), bytes(value.get("visitorSketch")))));
        }
        return minutes;
    }

    private static ByteBuffer bytes(JsonNode base64) {
        return ByteBuffer.wrap(base64 == null || base64.isNull() ? new byte[0] : Base64.getDecoder().decode(base64.asString()));
    }
}
