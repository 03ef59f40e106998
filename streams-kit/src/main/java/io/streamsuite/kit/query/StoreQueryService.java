package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.serde.AvroSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.JsonNode;

/**
 * The one entry point for interactive queries, for the kit's REST controller and a service's own.
 * Keys arrive as text (as in a URL) and are typed by the store's {@link KeyType}; times are
 * {@link QueryInstant}s. Any instance answers any query. The work is split by job:
 * {@link QueryRouter} finds the copies, {@link LocalStoreReader} reads this instance's copies,
 * {@link FanOut} merges the pages of all instances, {@link QueryPaging} and {@link QueryCursor} cut
 * pages and make and check their cursors.
 * Which copy answered (active or standby, and its lag) is sent back as {@link QueryHeaders}.
 */
public class StoreQueryService {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Map<String, QueryableStore> stores;
    private final QueryProperties properties;
    private final QueryRouter router;
    private final LocalStoreReader local;
    private final LocalCopies copies;
    private final FanOut fanOut;
    private final PeerClient peers;

    /** How an HTTP request reached this instance: from a caller, or from another instance (a hop) for some partitions. */
    record Hop(boolean hop, Set<Integer> partitions) {

        static final Hop NONE = new Hop(false, null);

        Integer partition() {
            return partitions == null || partitions.size() != 1 ? null : partitions.iterator().next();
        }
    }

    /**
     * @param streams           this instance's Kafka Streams, empty until started
     * @param applicationServer this instance's {@code application.server} (host:port)
     * @param storeTopics       which source topics feed each store (from the topology description)
     */
    StoreQueryService(Collection<QueryableStore> declared, Supplier<Optional<KafkaStreams>> streams,
                      Supplier<String> applicationServer, AvroSerdes serdes, Supplier<StoreTopics> storeTopics,
                      QueryProperties properties) {
        Map<String, QueryableStore> byName = new LinkedHashMap<>();
        for (QueryableStore store : declared) {
            if (byName.putIfAbsent(store.name(), store) != null) {
                throw new IllegalStateException("queryable store '" + store.name() + "' is declared twice");
            }
        }
        this.stores = Map.copyOf(byName);
        this.properties = properties;
        this.router = new QueryRouter(streams, applicationServer, serdes, storeTopics, properties);
        this.copies = new LocalCopies(storeTopics, properties.getLagRefresh());
        this.local = new LocalStoreReader(copies, applicationServer, properties);
        this.fanOut = new FanOut(router);
        this.peers = new PeerClient(properties);
    }

    public List<StoreInfo> stores() {
        return stores.values().stream()
                .sorted(Comparator.comparing(QueryableStore::name))
                .map(store -> new StoreInfo(store.name(), store.kind(), store.keyType().name()))
                .toList();
    }

    public QueryableStore store(String name) {
        QueryableStore store = stores.get(name);
        if (store == null) {
            throw new UnknownStoreException("no queryable store named '" + name + "'; known stores: "
                    + stores.keySet().stream().sorted().toList());
        }
        return store;
    }

    /** The value of one key in a key-value or timestamped key-value store, wherever it lives. */
    public Optional<StoreEntry> get(String store, String key) {
        return get(store, key, Hop.NONE, null);
    }

    /**
     * As {@link #get(String, String)}, for a store whose keys were placed by another key (the
     * {@code routing} key's partition), e.g. fed without repartition by a topic keyed differently.
     */
    public Optional<StoreEntry> get(String store, String key, RoutingKey routing) {
        return get(store, key, Hop.NONE, routing);
    }

    /**
     * Keys in {@code [from, to]} (either may be null: open) of a key-value store, across all instances,
     * in key order. {@code limit} null means the default; {@code cursor} is a previous page's nextCursor.
     */
    public StoreEntries range(String store, String from, String to, Integer limit, String cursor) {
        return range(store, from, to, limit, cursor, Hop.NONE);
    }

    /** Every window of one key in a window store whose start lies in {@code [from, to]}. */
    public StoreEntries windows(String store, String key, Instant from, Instant to) {
        return windows(store, key, from, to, (RoutingKey) null);
    }

    /** As {@link #windows(String, String, Instant, Instant)}, routed by another key as {@link #get(String, String, RoutingKey)}. */
    public StoreEntries windows(String store, String key, Instant from, Instant to, RoutingKey routing) {
        return QueryPaging.everyPage(cursor -> windows(store, key, from, to, properties.getMaxLimit(), cursor, Hop.NONE, routing));
    }

    /** A page of the windows of one key whose start lies in {@code [from, to]}, in start order. */
    public StoreEntries windows(String store, String key, Instant from, Instant to, Integer limit, String cursor) {
        return windows(store, key, from, to, limit, cursor, Hop.NONE, null);
    }

    /**
     * A page of the windows of every key whose start lies in {@code [from, to]}, across all instances,
     * in key order and then start order: e.g. every sensor's last hour.
     */
    public StoreEntries windowsOfAllKeys(String store, Instant from, Instant to, Integer limit, String cursor) {
        return windowsOfAllKeys(store, from, to, limit, cursor, Hop.NONE);
    }

    /** Every session of one key in a session store. */
    public StoreEntries sessions(String store, String key) {
        return QueryPaging.everyPage(cursor -> sessions(store, key, EARLIEST, LATEST, properties.getMaxLimit(), cursor, Hop.NONE));
    }

    /** A page of the sessions of one key that overlap {@code [from, to]}, in start then end order. */
    public StoreEntries sessions(String store, String key, Instant from, Instant to, Integer limit, String cursor) {
        return sessions(store, key, from, to, limit, cursor, Hop.NONE);
    }

    Optional<StoreEntry> get(String storeName, String keyText, Hop hop, RoutingKey routing) {
        QueryableStore store = store(storeName);
        requireKeyValue(store);
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        KafkaStreams running = router.open();
        long maxLag = AnsweringCopies.maxLag(properties);
        if (router.isGlobal(store)) {
            return first(answered(local.get(running, store, key, null, maxLag)));
        }
        if (hop.hop() && hop.partition() != null) {
            return first(answered(local.get(running, store, key, hop.partition(), maxLag)));
        }
        QueryRouter.KeyCopies holders = router.copiesOf(running, store, key, routing);
        if (hop.hop()) {
            return first(answered(local.get(running, store, key, holders.partition(), maxLag)));
        }
        return firstAnswering(holders, host -> router.isSelf(host)
                ? first(answered(local.get(running, store, key, holders.partition(), maxLag)))
                : remote(peers.get(host, store.name(), "entry", Map.of("key", keys.format(key)),
                        hopHeaders(Set.of(holders.partition()), maxLag), StoreEntry.class)));
    }

    StoreEntries range(String storeName, String fromText, String toText, Integer limitParam, String cursor, Hop hop) {
        QueryableStore store = store(storeName);
        requireKeyValue(store);
        KeyType<Object> keys = keys(store);
        int limit = QueryPaging.limit(limitParam, properties);
        Object from = fromText == null ? null : keys.parse(fromText);
        Object to = toText == null ? null : keys.parse(toText);
        if (from != null && to != null && keys.order().compare(from, to) > 0) {
            throw new InvalidQueryException("from (" + fromText + ") is after to (" + toText + ")");
        }
        Object after = cursor == null ? null
                : QueryCursor.key(keys, QueryCursor.decode(store, QueryCursor.Kind.KEYS, cursor, 1).get(0));
        KafkaStreams running = router.open();
        long maxLag = AnsweringCopies.maxLag(properties);
        Slice slice;
        if (hop.hop() || router.isGlobal(store)) {
            // A global store is whole on every instance: asking the others would repeat each key.
            slice = local.keys(running, store, from, to, after, limit, router.isGlobal(store) ? null : hop.partitions(), maxLag);
        } else {
            slice = fanOut.gather(running, store, limit, Found.order(keys),
                    partitions -> local.keys(running, store, from, to, after, limit, partitions, maxLag),
                    (host, partitions) -> peers.get(host, store.name(), "keys",
                            params("from", fromText, "to", toText, "limit", String.valueOf(limit), "cursor", cursor),
                            hopHeaders(partitions, maxLag), StoreEntries.class),
                    entry -> new Found(keys.fromJson(entry.key()), 0, 0, entry));
        }
        return QueryPaging.page(store, answered(slice), QueryCursor.Kind.KEYS, found -> List.of(keys.format(found.key())));
    }

    StoreEntries windows(String storeName, String keyText, Instant fromTime, Instant toTime, Integer limitParam,
                         String cursor, Hop hop, RoutingKey routing) {
        QueryableStore store = store(storeName);
        requireKind(store, QueryableStore.Kind.WINDOW, "windows");
        requireOrder(fromTime, toTime);
        Instant from = clamp(fromTime);
        Instant to = clamp(toTime);
        int limit = QueryPaging.limit(limitParam, properties);
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        Instant start = from;
        if (cursor != null) {
            long after = QueryCursor.millis(QueryCursor.decode(store, QueryCursor.Kind.WINDOWS, cursor, 1).get(0));
            if (after == Long.MAX_VALUE) {
                return new StoreEntries(store.name(), List.of(), null);
            }
            start = from.isAfter(Instant.ofEpochMilli(after + 1)) ? from : Instant.ofEpochMilli(after + 1);
        }
        if (start.isAfter(to)) {
            return new StoreEntries(store.name(), List.of(), null);
        }
        Instant first = start;
        KafkaStreams running = router.open();
        long maxLag = AnsweringCopies.maxLag(properties);
        Slice slice;
        if (hop.hop() && hop.partition() != null) {
            slice = local.windows(running, store, key, first, to, limit, hop.partition(), maxLag);
        } else {
            QueryRouter.KeyCopies holders = router.copiesOf(running, store, key, routing);
            slice = hop.hop() ? local.windows(running, store, key, first, to, limit, holders.partition(), maxLag)
                    : firstAnswering(holders, host -> router.isSelf(host)
                            ? local.windows(running, store, key, first, to, limit, holders.partition(), maxLag)
                            : remoteSlice(peers.get(host, store.name(), "windows",
                                    params("key", keys.format(key), "from", first.toString(), "to", to.toString(),
                                            "limit", String.valueOf(limit)),
                                    hopHeaders(Set.of(holders.partition()), maxLag), StoreEntries.class),
                                    entry -> new Found(null, windowStart(entry), 0, entry)));
        }
        return QueryPaging.page(store, answered(slice), QueryCursor.Kind.WINDOWS, found -> List.of(Long.toString(found.start())));
    }

    StoreEntries windowsOfAllKeys(String storeName, Instant fromTime, Instant toTime, Integer limitParam, String cursor,
                                  Hop hop) {
        QueryableStore store = store(storeName);
        requireKind(store, QueryableStore.Kind.WINDOW, "windows");
        requireOrder(fromTime, toTime);
        Instant from = clamp(fromTime);
        Instant to = clamp(toTime);
        int limit = QueryPaging.limit(limitParam, properties);
        KeyType<Object> keys = keys(store);
        Object afterKey = null;
        long afterStart = 0;
        if (cursor != null) {
            List<String> position = QueryCursor.decode(store, QueryCursor.Kind.ALL_WINDOWS, cursor, 2);
            afterKey = QueryCursor.key(keys, position.get(0));
            afterStart = QueryCursor.millis(position.get(1));
        }
        Object key = afterKey;
        long start = afterStart;
        KafkaStreams running = router.open();
        long maxLag = AnsweringCopies.maxLag(properties);
        FanOut.LocalPage here = partitions -> local.windowsOfAllKeys(running, store, from, to, key, start, limit,
                partitions == null ? copies.activePartitions(running, store.name()) : partitions, maxLag);
        Slice slice = hop.hop() ? here.read(hop.partitions())
                : fanOut.gather(running, store, limit, Found.order(keys), here,
                        (host, partitions) -> peers.get(host, store.name(), "windows",
                                params("from", from.toString(), "to", to.toString(), "limit", String.valueOf(limit), "cursor", cursor),
                                hopHeaders(partitions, maxLag), StoreEntries.class),
                        entry -> new Found(keys.fromJson(entry.key().path("key")), windowStart(entry), 0, entry));
        return QueryPaging.page(store, answered(slice), QueryCursor.Kind.ALL_WINDOWS,
                found -> List.of(keys.format(found.key()), Long.toString(found.start())));
    }

    StoreEntries sessions(String storeName, String keyText, Instant fromTime, Instant toTime, Integer limitParam,
                          String cursor, Hop hop) {
        QueryableStore store = store(storeName);
        requireKind(store, QueryableStore.Kind.SESSION, "sessions");
        requireOrder(fromTime, toTime);
        Instant from = clamp(fromTime);
        Instant to = clamp(toTime);
        int limit = QueryPaging.limit(limitParam, properties);
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        boolean hasAfter = cursor != null;
        long afterStart = 0;
        long afterEnd = 0;
        if (hasAfter) {
            List<String> position = QueryCursor.decode(store, QueryCursor.Kind.SESSIONS, cursor, 2);
            afterStart = QueryCursor.millis(position.get(0));
            afterEnd = QueryCursor.millis(position.get(1));
        }
        long sessionStart = afterStart;
        long sessionEnd = afterEnd;
        KafkaStreams running = router.open();
        long maxLag = AnsweringCopies.maxLag(properties);
        Slice slice;
        if (hop.hop() && hop.partition() != null) {
            slice = local.sessions(running, store, key, from, to, sessionStart, sessionEnd, hasAfter, limit, hop.partition(), maxLag);
        } else {
            QueryRouter.KeyCopies holders = router.copiesOf(running, store, key, null);
            slice = hop.hop()
                    ? local.sessions(running, store, key, from, to, sessionStart, sessionEnd, hasAfter, limit, holders.partition(), maxLag)
                    : firstAnswering(holders, host -> router.isSelf(host)
                            ? local.sessions(running, store, key, from, to, sessionStart, sessionEnd, hasAfter, limit,
                                    holders.partition(), maxLag)
                            : remoteSlice(peers.get(host, store.name(), "sessions",
                                    params("key", keys.format(key), "from", from.toString(), "to", to.toString(),
                                            "limit", String.valueOf(limit), "cursor", cursor),
                                    hopHeaders(Set.of(holders.partition()), maxLag), StoreEntries.class),
                                    entry -> new Found(null, windowStart(entry), windowEnd(entry), entry)));
        }
        return QueryPaging.page(store, answered(slice), QueryCursor.Kind.SESSIONS,
                found -> List.of(Long.toString(found.start()), Long.toString(found.end())));
    }

    /** Asks the key's copies in turn (the active first) until one answers; the last refusal if none does. */
    private <T> T firstAnswering(QueryRouter.KeyCopies holders, Function<HostInfo, T> ask) {
        StoreUnavailableException last = null;
        for (HostInfo host : holders.hosts()) {
            try {
                return ask.apply(host);
            } catch (StoreUnavailableException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Optional<StoreEntry> remote(CompletableFuture<Optional<PeerClient.Reply<StoreEntry>>> reply) {
        Optional<PeerClient.Reply<StoreEntry>> answer = PeerClient.join(reply);
        answer.ifPresent(found -> AnsweringCopies.record(found.copy()));
        return answer.map(PeerClient.Reply::body);
    }

    private static Slice remoteSlice(CompletableFuture<Optional<PeerClient.Reply<StoreEntries>>> reply,
                                     FanOut.Placing placing) {
        PeerClient.Reply<StoreEntries> answer = PeerClient.join(reply).orElseThrow();
        List<Found> items = new ArrayList<>();
        answer.body().items().forEach(entry -> items.add(placing.place(entry)));
        return new Slice(items, answer.body().nextCursor() != null, answer.copy());
    }

    private static Slice answered(Slice slice) {
        AnsweringCopies.record(slice.copy());
        return slice;
    }

    private static Optional<StoreEntry> first(Slice slice) {
        return slice.items().stream().findFirst().map(Found::entry);
    }

    private static Map<String, String> hopHeaders(Set<Integer> partitions, long maxLag) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(QueryHeaders.MAX_LAG, Long.toString(maxLag));
        if (partitions != null) {
            headers.put(QueryHeaders.PARTITIONS, partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return headers;
    }

    private static long windowStart(StoreEntry entry) {
        return millis(entry.key().path("windowStart"));
    }

    private static long windowEnd(StoreEntry entry) {
        return millis(entry.key().path("windowEnd"));
    }

    private static long millis(JsonNode instant) {
        if (!instant.isString()) {
            throw new IllegalStateException("another instance answered a window without its bounds");
        }
        return AvroJson.parseInstant(instant.stringValue()).toEpochMilli();
    }

    private static void requireOrder(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from (" + from + ") is after to (" + to + ")");
        }
    }

    /** Stores count time in epoch milliseconds: nothing lies outside them, so a bound beyond is the same as the edge. */
    private static Instant clamp(Instant time) {
        return time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
    }

    private static void requireKeyValue(QueryableStore store) {
        if (!store.isKeyValue()) {
            throw new InvalidQueryException("store '" + store.name() + "' is a " + store.kind()
                    + " store: query it with /" + (store.kind() == QueryableStore.Kind.WINDOW ? "windows" : "sessions"));
        }
    }

    private static void requireKind(QueryableStore store, QueryableStore.Kind kind, String what) {
        if (store.kind() != kind) {
            throw new InvalidQueryException("store '" + store.name() + "' is a " + store.kind()
                    + " store and has no " + what + (store.isKeyValue() ? ": query its keys" : ""));
        }
    }

    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    static KeyType<Object> keys(QueryableStore store) {
        return (KeyType<Object>) store.keyType();
    }
}
