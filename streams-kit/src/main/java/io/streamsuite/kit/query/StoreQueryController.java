package io.streamsuite.kit.query;

import java.time.Instant;
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
 * as JSON) can also be passed as {@code ?key=}. Every list is paged by {@code limit} and {@code cursor};
 * times ({@code from}, {@code to}) are ISO-8601 instants or epoch milliseconds. Any request may bound
 * how stale a standby's answer may be with {@code max-lag} (offsets). Requests carrying
 * {@link QueryHeaders#HOP} come from another instance and are answered here, never forwarded again.
 */
@RestController
@StoreQueryApi
@RequestMapping(StoreQueryController.BASE_PATH)
public class StoreQueryController {

    public static final String BASE_PATH = "/api/stores";

    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant START_OF_TIME = Instant.ofEpochMilli(Long.MIN_VALUE);

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
        return queries.get(store, key, hop(hop, partition, true), null)
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
        return queries.range(store, from, to, limit, cursor, hop(hop, partitions, false));
    }

    /** The windows of one key starting in {@code [from, to]} (both optional), in start order. */
    @GetMapping("/{store}/keys/{key}/windows")
    public StoreEntries windows(@PathVariable String store, @PathVariable String key,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor,
                                @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return queries.windows(store, key, QueryInstant.parse("from", from, Instant.EPOCH),
                QueryInstant.parse("to", to, END_OF_TIME), limit, cursor, hop(hop, partition, true), null);
    }

    /** With {@code key}: that key's windows; without: the windows of every key starting in {@code [from, to]}. */
    @GetMapping("/{store}/windows")
    public StoreEntries windowsByParam(@PathVariable String store, @RequestParam(required = false) String key,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor,
                                       @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                       @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partitions) {
        if (key != null) {
            return windows(store, key, from, to, limit, cursor, hop, partitions);
        }
        return queries.windowsOfAllKeys(store, QueryInstant.parse("from", from, Instant.EPOCH),
                QueryInstant.parse("to", to, END_OF_TIME), limit, cursor, hop(hop, partitions, false));
    }

    /** The sessions of one key overlapping {@code [from, to]} (both optional), in start order. */
    @GetMapping("/{store}/keys/{key}/sessions")
    public StoreEntries sessions(@PathVariable String store, @PathVariable String key,
                                 @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor,
                                 @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                 @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return queries.sessions(store, key, QueryInstant.parse("from", from, START_OF_TIME),
                QueryInstant.parse("to", to, END_OF_TIME), limit, cursor, hop(hop, partition, true));
    }

    @GetMapping("/{store}/sessions")
    public StoreEntries sessionsByParam(@PathVariable String store, @RequestParam String key,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor,
                                        @RequestHeader(name = QueryHeaders.HOP, required = false) String hop,
                                        @RequestHeader(name = QueryHeaders.PARTITIONS, required = false) String partition) {
        return sessions(store, key, from, to, limit, cursor, hop, partition);
    }

    /**
     * A key query names one partition: the one the forwarding instance resolved. A page names the
     * partitions the asking instance expects this one to answer for.
     */
    private static StoreQueryService.Hop hop(String hop, String header, boolean onePartition) {
        Set<Integer> partitions = partitions(header);
        if (partitions != null && onePartition && partitions.size() != 1) {
            throw new InvalidQueryException(QueryHeaders.PARTITIONS + " on a key query must name one partition");
        }
        if (hop == null) {
            return StoreQueryService.Hop.NONE;
        }
        return new StoreQueryService.Hop(true, partitions);
    }

    private static Set<Integer> partitions(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            Set<Integer> partitions = Arrays.stream(header.split(",")).map(String::trim).map(Integer::valueOf)
                    .collect(Collectors.toSet());
            if (partitions.stream().anyMatch(partition -> partition < 0)) {
                throw new InvalidQueryException(QueryHeaders.PARTITIONS + " must name partitions, 0 or more");
            }
            return partitions;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(QueryHeaders.PARTITIONS + " must be comma-separated partition numbers");
        }
    }
}
