package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import java.util.Collections;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import tools.jackson.databind.JsonNode;

/**
 * The one entry point for interactive queries, for the kit's REST controller and a service's own.
 * Keys arrive as text (as in a URL) and are typed by the store's {@link KeyType}. Any instance
 * answers any query: key queries go to the key's active owner, range queries fan out to every
 * instance and merge. Window and session stores use IQv2 (WindowKeyQuery, WindowRangeQuery.withKey);
 * key-value stores use IQv1's read-only stores until Kafka's IQv2 key-value deadlock (KAFKA-19629)
 * is fixed in the version we run.
 */
public class StoreQueryService {

    private final Map<String, QueryableStore> stores;
    private final Supplier<Optional<KafkaStreams>> streams;
    private final Supplier<String> applicationServer;
    private final AvroSerdes serdes;
    private final Supplier<StoreTopics> storeTopics;
    private final QueryProperties properties;
    private final PeerClient peers;
    private final Map<String, Serializer<Object>> serializers = new ConcurrentHashMap<>();

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
        this.streams = streams;
        this.applicationServer = applicationServer;
        this.serdes = serdes;
        this.storeTopics = storeTopics;
        this.properties = properties;
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
        return get(store, key, false);
    }

    /**
     * As {@link #get(String, String)}, for a store whose keys were placed by another key (the
     * {@code routing} key's partition), e.g. fed without repartition by a topic keyed differently.
     */
    public Optional<StoreEntry> get(String store, String key, RoutingKey routing) {
        return get(store, key, false, null, routing);
    }

    /**
     * Keys in {@code [from, to]} (either may be null: open) of a key-value store, across all instances,
     * in key order. {@code limit} null means the default; {@code cursor} is a previous page's nextCursor.
     */
    public StoreEntries range(String store, String from, String to, Integer limit, String cursor) {
        return range(store, from, to, limit, cursor, false, null);
    }

    /** The windows of one key in a window store whose start lies in {@code [from, to]}. */
    public StoreEntries windows(String store, String key, Instant from, Instant to) {
        return windows(store, key, from, to, false);
    }

    /** As {@link #windows(String, String, Instant, Instant)}, routed by another key as {@link #get(String, String, RoutingKey)}. */
    public StoreEntries windows(String store, String key, Instant from, Instant to, RoutingKey routing) {
        return windows(store, key, from, to, false, null, routing);
    }

    /** The sessions of one key in a session store. */
    public StoreEntries sessions(String store, String key) {
        return sessions(store, key, false);
    }

    Optional<StoreEntry> get(String storeName, String keyText, boolean hop) {
        return get(storeName, keyText, hop, null, null);
    }

    /**
     * @param partition with {@code hop}: the partition the asking instance resolved, or null to resolve it here
     * @param routing   the key that placed this key's partition, or null for the store key itself
     */
    Optional<StoreEntry> get(String storeName, String keyText, boolean hop, Integer partition, RoutingKey routing) {
        QueryableStore store = store(storeName);
        requireKeyValue(store);
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        KafkaStreams running = running();
        if (hop && partition != null) {
            return getLocal(running, store, key, partition);
        }
        KeyQueryMetadata owner = owner(running, store, key, routing);
        if (hop || isSelf(owner.activeHost())) {
            return getLocal(running, store, key, owner.partition());
        }
        return PeerClient.join(peers.get(owner.activeHost(), store.name(), "entry",
                Map.of("key", keys.format(key)), partitionHeader(routing, owner), StoreEntry.class));
    }

    StoreEntries windows(String storeName, String keyText, Instant from, Instant to, boolean hop) {
        return windows(storeName, keyText, from, to, hop, null, null);
    }

    StoreEntries windows(String storeName, String keyText, Instant from, Instant to, boolean hop, Integer partition,
                         RoutingKey routing) {
        QueryableStore store = store(storeName);
        requireKind(store, QueryableStore.Kind.WINDOW, "windows");
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from (" + from + ") is after to (" + to + ")");
        }
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        KafkaStreams running = running();
        KeyQueryMetadata owner = hop && partition != null ? null : owner(running, store, key, routing);
        if (owner == null || hop || isSelf(owner.activeHost())) {
            WindowKeyQuery<Object, Object> query = WindowKeyQuery.withKeyAndWindowStartRange(key, from, to);
            QueryResult<WindowStoreIterator<Object>> result = runOn(running, store, query,
                    owner == null ? partition : owner.partition());
            List<StoreEntry> items = new ArrayList<>();
            JsonNode keyJson = keys.toJson(key);
            try (WindowStoreIterator<Object> iterator = result.getResult()) {
                while (iterator.hasNext()) {
                    KeyValue<Long, Object> window = iterator.next();
                    Instant start = Instant.ofEpochMilli(window.key);
                    Instant end = store.windowSize() == null ? null : start.plus(store.windowSize());
                    items.add(entry(AvroJson.windowed(keyJson, start, end), window.value));
                }
            }
            return new StoreEntries(store.name(), items, null);
        }
        return PeerClient.join(peers.get(owner.activeHost(), store.name(), "windows",
                params("key", keys.format(key), "from", from.toString(), "to", to.toString()),
                partitionHeader(routing, owner), StoreEntries.class)).orElseThrow();
    }

    StoreEntries sessions(String storeName, String keyText, boolean hop) {
        QueryableStore store = store(storeName);
        requireKind(store, QueryableStore.Kind.SESSION, "sessions");
        KeyType<Object> keys = keys(store);
        Object key = keys.parse(keyText);
        KafkaStreams running = running();
        KeyQueryMetadata owner = owner(running, store, key);
        if (hop || isSelf(owner.activeHost())) {
            WindowRangeQuery<Object, Object> query = WindowRangeQuery.withKey(key);
            QueryResult<KeyValueIterator<Windowed<Object>, Object>> result = runOn(running, store, query, owner.partition());
            List<StoreEntry> items = new ArrayList<>();
            try (KeyValueIterator<Windowed<Object>, Object> iterator = result.getResult()) {
                while (iterator.hasNext()) {
                    KeyValue<Windowed<Object>, Object> session = iterator.next();
                    JsonNode windowed = AvroJson.windowed(keys.toJson(session.key.key()),
                            session.key.window().startTime(), session.key.window().endTime());
                    items.add(entry(windowed, session.value));
                }
            }
            return new StoreEntries(store.name(), items, null);
        }
        return PeerClient.join(peers.get(owner.activeHost(), store.name(), "sessions",
                Map.of("key", keys.format(key)), Map.of(), StoreEntries.class)).orElseThrow();
    }

    /**
     * @param hop        answer with this instance's partitions only
     * @param partitions with {@code hop}: the partitions the asking instance expects answered; null means
     *                   whatever this instance holds actively
     */
    StoreEntries range(String storeName, String fromText, String toText, Integer limitParam, String cursor,
                       boolean hop, Set<Integer> partitions) {
        QueryableStore store = store(storeName);
        requireKeyValue(store);
        KeyType<Object> keys = keys(store);
        int limit = limit(limitParam);
        Object from = fromText == null ? null : keys.parse(fromText);
        Object to = toText == null ? null : keys.parse(toText);
        if (from != null && to != null && keys.order().compare(from, to) > 0) {
            throw new InvalidQueryException("from (" + fromText + ") is after to (" + toText + ")");
        }
        Object after = cursor == null ? null : decodeCursor(keys, cursor);
        KafkaStreams running = running();
        if (hop) {
            return page(store, keys, rangeLocal(running, store, keys, from, to, after, limit, partitions), limit);
        }

        Collection<StreamsMetadata> instances = running.streamsMetadataForStore(store.name());
        if (instances.isEmpty()) {
            throw unavailable("no instance holds store '" + store.name() + "' yet", null);
        }
        StoreTopics topics = storeTopics.get();
        List<CompletableFuture<Optional<StoreEntries>>> remote = new ArrayList<>();
        List<Ranked> merged = new ArrayList<>();
        boolean more = false;
        for (StreamsMetadata instance : instances) {
            Set<Integer> owned = topics.activePartitions(store.name(), instance);
            if (owned != null && owned.isEmpty()) {
                continue;
            }
            if (isSelf(instance.hostInfo())) {
                LocalPage local = rangeLocal(running, store, keys, from, to, after, limit, owned);
                merged.addAll(local.items());
                more |= local.more();
            } else {
                Map<String, String> headers = owned == null ? Map.of()
                        : Map.of(QueryHeaders.PARTITIONS, owned.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
                remote.add(peers.get(instance.hostInfo(), store.name(), "keys",
                        params("from", fromText, "to", toText, "limit", String.valueOf(limit), "cursor", cursor),
                        headers, StoreEntries.class));
            }
        }
        for (CompletableFuture<Optional<StoreEntries>> answer : remote) {
            StoreEntries entries = PeerClient.join(answer).orElseThrow();
            for (StoreEntry entry : entries.items()) {
                merged.add(new Ranked(keys.fromJson(entry.key()), entry));
            }
            more |= entries.nextCursor() != null;
        }
        merged.sort(Comparator.comparing(Ranked::key, keys.order()));
        return page(store, keys, new LocalPage(merged, more), limit);
    }

    private StoreEntries page(QueryableStore store, KeyType<Object> keys, LocalPage found, int limit) {
        List<Ranked> sorted = found.items();
        boolean more = found.more() || sorted.size() > limit;
        List<Ranked> page = sorted.size() > limit ? sorted.subList(0, limit) : sorted;
        String next = more && !page.isEmpty() ? encodeCursor(keys, page.get(page.size() - 1).key()) : null;
        return new StoreEntries(store.name(), page.stream().map(Ranked::entry).toList(), next);
    }

    /** The first {@code limit} keys after the cursor on this instance, plus whether there are more. */
    private LocalPage rangeLocal(KafkaStreams running, QueryableStore store, KeyType<Object> keys, Object from,
                                 Object to, Object after, int limit, Set<Integer> partitions) {
        Comparator<Object> order = keys.order();
        Object lower = from;
        if (after != null && (lower == null || order.compare(after, lower) >= 0)) {
            lower = after;
        }
        boolean bounded = keys.storeOrderMatches();
        Object scanFrom = bounded ? lower : null;
        Object scanTo = bounded ? to : null;
        List<Integer> asked = partitions == null ? Collections.singletonList(null) : List.copyOf(partitions);

        // A max-heap of the best limit + 1 keys: one more than a page tells whether another page exists.
        PriorityQueue<Ranked> best = new PriorityQueue<>(Comparator.comparing(Ranked::key, order).reversed());
        for (Integer partition : asked) {
            ReadOnlyKeyValueStore<Object, Object> local = localKeyValueStore(running, store, partition);
            KeyValueIterator<Object, Object> scan;
            try {
                scan = scanFrom == null && scanTo == null ? local.all() : local.range(scanFrom, scanTo);
            } catch (InvalidStateStoreException e) {
                throw notPresent(store, partition, e);
            }
            try (KeyValueIterator<Object, ?> iterator = scan) {
                int taken = 0;
                while (iterator.hasNext()) {
                    KeyValue<Object, ?> next = iterator.next();
                    Object key = next.key;
                    if (after != null && order.compare(key, after) <= 0
                            || from != null && order.compare(key, from) < 0
                            || to != null && order.compare(key, to) > 0) {
                        continue;
                    }
                    best.add(new Ranked(key, entry(keys, key, next.value)));
                    if (best.size() > limit + 1) {
                        best.poll();
                    }
                    // Keys come sorted when the store order is ours: later ones cannot beat these.
                    if (bounded && ++taken > limit) {
                        break;
                    }
                }
            }
        }
        List<Ranked> items = new ArrayList<>(best);
        items.sort(Comparator.comparing(Ranked::key, order));
        boolean more = items.size() > limit;
        return new LocalPage(more ? items.subList(0, limit) : items, more);
    }

    private Optional<StoreEntry> getLocal(KafkaStreams running, QueryableStore store, Object key, int partition) {
        KeyType<Object> keys = keys(store);
        try {
            Object value = localKeyValueStore(running, store, partition).get(key);
            return Optional.ofNullable(value).map(found -> entry(keys, key, found));
        } catch (InvalidStateStoreException e) {
            throw notPresent(store, partition, e);
        }
    }

    /**
     * Key-value stores are read through IQv1: in Kafka 4.2.1 an IQv2 key or range query on a RocksDB
     * store takes the store's position lock before the store's own lock while the stream thread's put
     * takes them the other way round, and the two deadlock under load (KAFKA-19629, fixed after 4.2).
     * Only active, running partitions answer, as with IQv2's requireActive.
     */
    private ReadOnlyKeyValueStore<Object, Object> localKeyValueStore(KafkaStreams running, QueryableStore store,
                                                                     Integer partition) {
        QueryableStoreType<ReadOnlyKeyValueStore<Object, Object>> type = store.kind() == QueryableStore.Kind.TIMESTAMPED_KEY_VALUE
                ? timestampedKeyValueStore() : QueryableStoreTypes.keyValueStore();
        StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> parameters =
                StoreQueryParameters.fromNameAndType(store.name(), type);
        try {
            return running.store(partition == null ? parameters : parameters.withPartition(partition));
        } catch (UnknownStateStoreException e) {
            throw new UnknownStoreException("store '" + store.name() + "' is declared queryable but is not in the topology");
        } catch (InvalidStateStoreException e) {
            throw notPresent(store, partition, e);
        }
    }

    /** IQv1 says a partition is not here (migrating, restoring, or owned elsewhere) by throwing, at any call. */
    private StoreUnavailableException notPresent(QueryableStore store, Integer partition, InvalidStateStoreException e) {
        return unavailable((partition == null ? "store '" + store.name() + "'" : "partition " + partition + " of store '"
                + store.name() + "'") + " is NOT_PRESENT as an active, running copy here: " + e.getMessage(), e);
    }

    /** Timestamped stores answer with ValueAndTimestamp, which {@link #entry} shows as value plus timestamp. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static QueryableStoreType<ReadOnlyKeyValueStore<Object, Object>> timestampedKeyValueStore() {
        return (QueryableStoreType) QueryableStoreTypes.timestampedKeyValueStore();
    }

    private static StoreEntry entry(KeyType<Object> keys, Object key, Object value) {
        return entry(keys.toJson(key), value);
    }

    /** Timestamped stores (also the DSL's window stores) hold ValueAndTimestamp: shown as value plus timestamp. */
    private static StoreEntry entry(JsonNode key, Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return new StoreEntry(key, AvroJson.toJson(timestamped.value()),
                    Instant.ofEpochMilli(timestamped.timestamp()).toString());
        }
        return new StoreEntry(key, AvroJson.toJson(value), null);
    }

    private <R> QueryResult<R> runOn(KafkaStreams running, QueryableStore store, Query<R> query, int partition) {
        StateQueryResult<R> result = execute(running, store, request(store, query, Set.of(partition)));
        return checked(store, result.getPartitionResults().get(partition), partition);
    }

    private static <R> StateQueryRequest<R> request(QueryableStore store, Query<R> query, Set<Integer> partitions) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store.name()).withQuery(query);
        request = partitions == null ? request.withAllPartitions() : request.withPartitions(partitions);
        return request.requireActive();
    }

    private <R> StateQueryResult<R> execute(KafkaStreams running, QueryableStore store, StateQueryRequest<R> request) {
        try {
            return running.query(request);
        } catch (UnknownStateStoreException e) {
            throw new UnknownStoreException("store '" + store.name() + "' is declared queryable but is not in the topology");
        } catch (InvalidStateStoreException e) {
            throw unavailable("store '" + store.name() + "' cannot be queried now: " + e.getMessage(), e);
        }
    }

    private <R> QueryResult<R> checked(QueryableStore store, QueryResult<R> result, int partition) {
        if (result == null) {
            throw unavailable("partition " + partition + " of store '" + store.name() + "' did not answer", null);
        }
        if (result.isSuccess()) {
            return result;
        }
        FailureReason reason = result.getFailureReason();
        if (reason == FailureReason.UNKNOWN_QUERY_TYPE) {
            throw new IllegalStateException("store '" + store.name() + "' is declared as " + store.kind()
                    + " but does not answer that query: " + result.getFailureMessage());
        }
        // NOT_ACTIVE, NOT_PRESENT (migrating or restoring), NOT_UP_TO_BOUND, DOES_NOT_EXIST, STORE_EXCEPTION.
        throw unavailable("partition " + partition + " of store '" + store.name() + "' is " + reason + ": "
                + result.getFailureMessage(), null);
    }

    private KafkaStreams running() {
        KafkaStreams current = streams.get()
                .orElseThrow(() -> unavailable("Kafka Streams has not started yet", null));
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw unavailable("Kafka Streams is " + state + ", not RUNNING", null);
        }
        return current;
    }

    /** With a routing key the owner cannot recompute the partition from the store key: it is sent along. */
    private static Map<String, String> partitionHeader(RoutingKey routing, KeyQueryMetadata owner) {
        return routing == null ? Map.of() : Map.of(QueryHeaders.PARTITIONS, String.valueOf(owner.partition()));
    }

    private KeyQueryMetadata owner(KafkaStreams running, QueryableStore store, Object key) {
        return owner(running, store, key, null);
    }

    private KeyQueryMetadata owner(KafkaStreams running, QueryableStore store, Object key, RoutingKey routing) {
        KeyQueryMetadata metadata;
        try {
            metadata = routing == null
                    ? running.queryMetadataForKey(store.name(), key, serializer(store))
                    : running.queryMetadataForKey(store.name(), key, routing.partitioner());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw unavailable("the owner of the key is not known now: " + e.getMessage(), e);
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost() == null || HostInfo.unavailable().equals(metadata.activeHost())) {
            throw unavailable("no instance owns the key of store '" + store.name() + "' now", null);
        }
        return metadata;
    }

    private Serializer<Object> serializer(QueryableStore store) {
        return serializers.computeIfAbsent(store.name(), name -> keys(store).serializer(serdes));
    }

    private boolean isSelf(HostInfo host) {
        HostInfo self = HostInfo.buildFromEndpoint(applicationServer.get());
        return self.equals(host);
    }

    private int limit(Integer limit) {
        if (limit == null) {
            return properties.getDefaultLimit();
        }
        if (limit < 1 || limit > properties.getMaxLimit()) {
            throw new InvalidQueryException("limit must be between 1 and " + properties.getMaxLimit() + ", got " + limit);
        }
        return limit;
    }

    private static String encodeCursor(KeyType<Object> keys, Object key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.format(key).getBytes(StandardCharsets.UTF_8));
    }

    private static Object decodeCursor(KeyType<Object> keys, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor is not valid: pass nextCursor from a previous page unchanged");
        }
        try {
            return keys.parse(text);
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException("cursor is not valid for this store: pass nextCursor from a previous page unchanged");
        }
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

    private StoreUnavailableException unavailable(String message, Throwable cause) {
        return new StoreUnavailableException(message, properties.getRetryAfter(), cause);
    }

    @SuppressWarnings("unchecked")
    private static KeyType<Object> keys(QueryableStore store) {
        return (KeyType<Object>) store.keyType();
    }

    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private record Ranked(Object key, StoreEntry entry) {
    }

    private record LocalPage(List<Ranked> items, boolean more) {
    }
}
