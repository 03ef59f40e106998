package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generic REST over every declared store. Keys that do not fit a path segment (a slash, an Avro key
 * as JSON) can also be passed as {@code ?key=}. Requests carrying {@link QueryHeaders#HOP} come from
 * another instance and are answered here, never forwarded again.
 */
@RestController
@StoreQueryApi
@RequestMapping(StoreQueryController.BASE_PATH)
public class StoreQueryController {

    public static final String BASE_PATH = "/api/stores";

    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final StoreQueryService queries;

    public StoreQueryController(StoreQueryService queries) {
        this.queries = queries;
    }

    @GetMapping
    public List<StoreInfo> stores() {
        return queries.stores();
    }

    @GetMapping("/{store}/keys/{key}")
    public StoreEntry entry(@PathVariable String store, @PathVariable String key,
                            @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                            @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return queries.get(store, key, hop != null, partition(partition), null)
                .orElseThrow(() -> new KeyNotFoundException(store, key));
    }

    @GetMapping("/{store}/entry")
    public StoreEntry entryByParam(@PathVariable String store, @RequestParam String key,
                                   @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                   @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return entry(store, key, hop, partition);
    }

    /** Range with {@code from}/{@code to}, all keys without them; paged by {@code limit} and {@code cursor}. */
    @GetMapping("/{store}/keys")
    public StoreEntries keys(@PathVariable String store,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor,
                             @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                             @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partitions) {
        return queries.range(store, from, to, limit, cursor, hop != null, partitions(partitions));
    }

    /** {@code from}/{@code to}: ISO-8601 instants or epoch milliseconds; both optional. */
    @GetMapping("/{store}/keys/{key}/windows")
    public StoreEntries windows(@PathVariable String store, @PathVariable String key,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return queries.windows(store, key, instant("from", from, Instant.EPOCH), instant("to", to, END_OF_TIME), hop != null,
                partition(partition), null);
    }

    @GetMapping("/{store}/windows")
    public StoreEntries windowsByParam(@PathVariable String store, @RequestParam String key,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                       @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return windows(store, key, from, to, hop, partition);
    }

    @GetMapping("/{store}/keys/{key}/sessions")
    public StoreEntries sessions(@PathVariable String store, @PathVariable String key,
                                 @RequestHeader(name = QueryHeaders.HOP, required = false) String hop) {
        return queries.sessions(store, key, hop != null);
    }

    @GetMapping("/{store}/sessions")
    public StoreEntries sessionsByParam(@PathVariable String store, @RequestParam String key,
                                        @RequestHeader(name = QueryHeaders.HOP, required = false) String hop) {
        return sessions(store, key, hop);
    }

    private static Instant instant(String name, String text, Instant absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return AvroJson.parseInstant(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException(name + " '" + text + "' is neither an ISO-8601 instant (2024-05-01T10:00:00Z) nor epoch milliseconds");
        }
    }

    /** A key lookup names one partition: the one the forwarding instance resolved from a routing key. */
    private static Integer partition(String header) {
        Set<Integer> partitions = partitions(header);
        if (partitions == null) {
            return null;
        }
        if (partitions.size() != 1 || partitions.iterator().next() < 0) {
            throw new InvalidQueryException(QueryHeaders.PARTITIONS + " on a key lookup must name one partition");
        }
        return partitions.iterator().next();
    }

    private static Set<Integer> partitions(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Arrays.stream(header.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(QueryHeaders.PARTITIONS + " must be comma-separated partition numbers");
        }
    }
}
