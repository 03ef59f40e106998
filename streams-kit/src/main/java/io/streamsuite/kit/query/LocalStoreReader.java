package io.streamsuite.kit.query;

import io.streamsuite.kit.json.AvroJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs a query on this instance's own copies of a store, one partition at a time. The active copy
 * answers when it can; otherwise a standby (or an active still restoring) answers if it is at most
 * {@code maxLag} offsets behind, and the answer says which copy it was. Key-value stores are read
 * through IQv1: in Kafka 4.2.1 an IQv2 key or range query on a RocksDB store takes the store's
 * position lock before the store's own lock while the stream thread's put takes them the other way
 * round, and the two deadlock under load (KAFKA-19629, fixed after 4.2). Window and session stores
 * use IQv2. Kafka's own messages stay in the log: the caller learns only what it can act on.
 */
final class LocalStoreReader {

    private static final Logger log = LoggerFactory.getLogger(LocalStoreReader.class);

    private final LocalCopies copies;
    private final Supplier<String> self;
    private final QueryProperties properties;

    private record Read<T>(T value, AnsweringCopy copy) {
    }

    LocalStoreReader(LocalCopies copies, Supplier<String> self, QueryProperties properties) {
        this.copies = copies;
        this.self = self;
        this.properties = properties;
    }

    /** The key's entry in one partition (null: a global store, which has one copy of everything). */
    Slice get(KafkaStreams running, QueryableStore store, Object key, Integer partition, long maxLag) {
        KeyType<Object> keys = StoreQueryService.keys(store);
        Read<Object> read = readKeyValue(running, store, partition, maxLag, local -> local.get(key));
        List<Found> items = read.value() == null ? List.of() : List.of(new Found(key, 0, 0, entry(keys.toJson(key), read.value())));
        return new Slice(items, false, read.copy());
    }

    /**
     * The first {@code limit} keys of {@code [from, to]} after {@code after} (all null-able) in the given
     * partitions (null: every active local partition, or the one copy of a global store). Where the key
     * type's bytes sort in ranges, each partition is read from the cursor on and no further than a page.
     */
    Slice keys(KafkaStreams running, QueryableStore store, Object from, Object to, Object after, int limit,
               Set<Integer> partitions, long maxLag) {
        KeyType<Object> keys = StoreQueryService.keys(store);
        List<Found> found = new ArrayList<>();
        List<AnsweringCopy> answered = new ArrayList<>();
        boolean more = false;
        for (Integer partition : partitions == null ? Collections.<Integer>singletonList(null) : List.copyOf(partitions)) {
            Read<Slice> read = readKeyValue(running, store, partition, maxLag,
                    local -> keyPage(local, keys, from, to, after, limit));
            found.addAll(read.value().items());
            more |= read.value().more();
            answered.add(read.copy());
        }
        return cut(found, more, limit, Found.order(keys), answered);
    }

    /**
     * One copy's first {@code limit} keys of {@code [from, to]} after {@code after}. Where the key type's
     * bytes sort in ranges, the copy is read from the cursor on and no further than one key past the page.
     */
    static Slice keyPage(ReadOnlyKeyValueStore<Object, Object> local, KeyType<Object> keys, Object from, Object to,
                         Object after, int limit) {
        Object lower = after != null && (from == null || keys.order().compare(after, from) >= 0) ? after : from;
        Optional<List<KeyType.StoreRange<Object>>> ranges = keys.storeRanges(lower, to);
        return ranges.isPresent() ? scanRanges(local, keys, ranges.get(), after, limit)
                : scanAll(local, keys, from, to, after, limit);
    }

    /** The windows of one key starting in {@code [from, to]}, in start order, at most {@code limit}. */
    Slice windows(KafkaStreams running, QueryableStore store, Object key, Instant from, Instant to, int limit,
                  int partition, long maxLag) {
        KeyType<Object> keys = StoreQueryService.keys(store);
        Read<QueryResult<WindowStoreIterator<Object>>> read = readIqv2(running, store,
                WindowKeyQuery.withKeyAndWindowStartRange(key, from, to), partition, maxLag);
        List<Found> items = new ArrayList<>();
        boolean more = false;
        JsonNode keyJson = keys.toJson(key);
        try (WindowStoreIterator<Object> iterator = read.value().getResult()) {
            while (iterator.hasNext()) {
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                KeyValue<Long, Object> window = iterator.next();
                items.add(new Found(null, window.key, 0, entry(windowKey(store, keyJson, window.key), window.value)));
            }
        }
        return new Slice(items, more, read.copy());
    }

    /**
     * The windows of every key starting in {@code [from, to]} in the given partitions, in key then start
     * order, the first {@code limit} after {@code (afterKey, afterStart)}.
     */
    Slice windowsOfAllKeys(KafkaStreams running, QueryableStore store, Instant from, Instant to, Object afterKey,
                           long afterStart, int limit, Set<Integer> partitions, long maxLag) {
        KeyType<Object> keys = StoreQueryService.keys(store);
        Comparator<Found> order = Found.order(keys);
        Found after = afterKey == null ? null : new Found(afterKey, afterStart, 0, null);
        List<Found> found = new ArrayList<>();
        List<AnsweringCopy> answered = new ArrayList<>();
        boolean more = false;
        for (int partition : partitions) {
            Read<QueryResult<KeyValueIterator<Windowed<Object>, Object>>> read = readIqv2(running, store,
                    WindowRangeQuery.withWindowStartRange(from, to), partition, maxLag);
            PriorityQueue<Found> best = new PriorityQueue<>(order.reversed());
            try (KeyValueIterator<Windowed<Object>, Object> iterator = read.value().getResult()) {
                while (iterator.hasNext()) {
                    KeyValue<Windowed<Object>, Object> window = iterator.next();
                    long start = window.key.window().start();
                    Object key = window.key.key();
                    Found candidate = new Found(key, start, 0, null);
                    if (after != null && order.compare(candidate, after) <= 0) {
                        continue;
                    }
                    best.add(new Found(key, start, 0, entry(windowKey(store, keys.toJson(key), start), window.value)));
                    if (best.size() > limit + 1) {
                        best.poll();
                    }
                }
            }
            found.addAll(best);
            answered.add(read.copy());
        }
        return cut(found, more, limit, order, answered);
    }

    /** The sessions of one key that overlap {@code [from, to]}, in start then end order, after the cursor's session. */
    Slice sessions(KafkaStreams running, QueryableStore store, Object key, Instant from, Instant to, long afterStart,
                   long afterEnd, boolean hasAfter, int limit, int partition, long maxLag) {
        KeyType<Object> keys = StoreQueryService.keys(store);
        Read<QueryResult<KeyValueIterator<Windowed<Object>, Object>>> read = readIqv2(running, store,
                WindowRangeQuery.withKey(key), partition, maxLag);
        List<Found> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<Object>, Object> iterator = read.value().getResult()) {
            while (iterator.hasNext()) {
                KeyValue<Windowed<Object>, Object> session = iterator.next();
                long start = session.key.window().start();
                long end = session.key.window().end();
                if (end < from.toEpochMilli() || start > to.toEpochMilli()
                        || hasAfter && (start < afterStart || start == afterStart && end <= afterEnd)) {
                    continue;
                }
                JsonNode windowed = AvroJson.windowed(keys.toJson(session.key.key()),
                        session.key.window().startTime(), session.key.window().endTime());
                found.add(new Found(null, start, end, entry(windowed, session.value)));
            }
        }
        return cut(found, false, limit, Found.order(keys), List.of(read.copy()));
    }

    private static Slice cut(List<Found> found, boolean more, int limit, Comparator<Found> order, List<AnsweringCopy> copies) {
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(order);
        boolean beyond = more || sorted.size() > limit;
        return new Slice(sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : sorted, beyond,
                copies.isEmpty() ? null : AnsweringCopy.combine(copies));
    }

    /** Reads the ranges in order, skipping up to the cursor, and stops one key past a page. */
    private static Slice scanRanges(ReadOnlyKeyValueStore<Object, Object> local, KeyType<Object> keys,
                                    List<KeyType.StoreRange<Object>> ranges, Object after, int limit) {
        List<Found> items = new ArrayList<>();
        for (KeyType.StoreRange<Object> range : ranges) {
            KeyValueIterator<Object, Object> scan = range.from() == null && range.to() == null
                    ? local.all() : local.range(range.from(), range.to());
            try (KeyValueIterator<Object, Object> iterator = scan) {
                while (iterator.hasNext()) {
                    KeyValue<Object, Object> next = iterator.next();
                    if (after != null && keys.order().compare(next.key, after) <= 0) {
                        continue;
                    }
                    if (items.size() == limit) {
                        return new Slice(items, true, null);
                    }
                    items.add(new Found(next.key, 0, 0, entry(keys.toJson(next.key), next.value)));
                }
            }
        }
        return new Slice(items, false, null);
    }

    /** For key types whose bytes do not sort as their order: every key is read, the best page kept. */
    private static Slice scanAll(ReadOnlyKeyValueStore<Object, Object> local, KeyType<Object> keys, Object from,
                                 Object to, Object after, int limit) {
        Comparator<Object> order = keys.order();
        PriorityQueue<Found> best = new PriorityQueue<>(Comparator.comparing(Found::key, order).reversed());
        try (KeyValueIterator<Object, Object> iterator = local.all()) {
            while (iterator.hasNext()) {
                KeyValue<Object, Object> next = iterator.next();
                Object key = next.key;
                if (after != null && order.compare(key, after) <= 0
                        || from != null && order.compare(key, from) < 0
                        || to != null && order.compare(key, to) > 0) {
                    continue;
                }
                best.add(new Found(key, 0, 0, entry(keys.toJson(key), next.value)));
                if (best.size() > limit + 1) {
                    best.poll();
                }
            }
        }
        return new Slice(new ArrayList<>(best), false, null);
    }

    /** IQv1 says a partition is not here (migrating, restoring, owned elsewhere) by throwing, at any call. */
    private <T> Read<T> readKeyValue(KafkaStreams running, QueryableStore store, Integer partition, long maxLag,
                                     Function<ReadOnlyKeyValueStore<Object, Object>, T> read) {
        try {
            return new Read<>(read.apply(keyValueStore(running, store, partition, false)), AnsweringCopy.active(self.get()));
        } catch (UnknownStateStoreException e) {
            throw notInTopology(store);
        } catch (InvalidStateStoreException e) {
            if (partition == null) {
                throw notPresent(store, null, maxLag, e.getMessage());
            }
            AnsweringCopy fallback = fallback(running, store, partition, maxLag)
                    .orElseThrow(() -> notPresent(store, partition, maxLag, e.getMessage()));
            try {
                return new Read<>(read.apply(keyValueStore(running, store, partition, true)), fallback);
            } catch (InvalidStateStoreException again) {
                throw notPresent(store, partition, maxLag, again.getMessage());
            }
        }
    }

    private static ReadOnlyKeyValueStore<Object, Object> keyValueStore(KafkaStreams running, QueryableStore store,
                                                                       Integer partition, boolean anyCopy) {
        QueryableStoreType<ReadOnlyKeyValueStore<Object, Object>> type = store.kind() == QueryableStore.Kind.TIMESTAMPED_KEY_VALUE
                ? timestampedKeyValueStore() : QueryableStoreTypes.keyValueStore();
        StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> parameters =
                StoreQueryParameters.fromNameAndType(store.name(), type);
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        return running.store(anyCopy ? parameters.enableStaleStores() : parameters);
    }

    /** An IQv2 query of one partition: the active copy first, then any local copy within the lag bound. */
    private <R> Read<QueryResult<R>> readIqv2(KafkaStreams running, QueryableStore store, Query<R> query, int partition,
                                              long maxLag) {
        QueryResult<R> active = execute(running, store, StateQueryRequest.inStore(store.name()).withQuery(query)
                .withPartitions(Set.of(partition)).requireActive(), partition);
        if (active != null && active.isSuccess()) {
            return new Read<>(active, AnsweringCopy.active(self.get()));
        }
        String why = active == null ? "no answer" : active.getFailureReason() + ": " + active.getFailureMessage();
        if (active != null && active.getFailureReason() == FailureReason.UNKNOWN_QUERY_TYPE) {
            log.error("Store '{}' is declared as {} but does not answer {}: {}", store.name(), store.kind(),
                    query.getClass().getSimpleName(), why);
            throw new IllegalStateException("store '" + store.name() + "' does not answer this query");
        }
        AnsweringCopy fallback = fallback(running, store, partition, maxLag)
                .orElseThrow(() -> notPresent(store, partition, maxLag, why));
        QueryResult<R> any = execute(running, store, StateQueryRequest.inStore(store.name()).withQuery(query)
                .withPartitions(Set.of(partition)), partition);
        if (any == null || !any.isSuccess()) {
            throw notPresent(store, partition, maxLag, any == null ? "no answer" : any.getFailureReason() + ": " + any.getFailureMessage());
        }
        return new Read<>(any, fallback);
    }

    private <R> QueryResult<R> execute(KafkaStreams running, QueryableStore store, StateQueryRequest<R> request, int partition) {
        try {
            return running.query(request).getPartitionResults().get(partition);
        } catch (UnknownStateStoreException e) {
            throw notInTopology(store);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw notPresent(store, partition, 0, e.getMessage());
        }
    }

    /** A copy other than the running active one answers only if it is at most maxLag behind. */
    private Optional<AnsweringCopy> fallback(KafkaStreams running, QueryableStore store, int partition, long maxLag) {
        if (store.isActiveCopyOnly()) {
            return Optional.empty();
        }
        OptionalLong lag = copies.lag(running, store.name(), partition);
        if (lag.isEmpty() || lag.getAsLong() > maxLag) {
            return Optional.empty();
        }
        AnsweringCopy.Role role = copies.isActive(running, store.name(), partition)
                ? AnsweringCopy.Role.ACTIVE : AnsweringCopy.Role.STANDBY;
        return Optional.of(new AnsweringCopy(role, self.get(), lag.getAsLong()));
    }

    private StoreUnavailableException notPresent(QueryableStore store, Integer partition, long maxLag, String internal) {
        String what = partition == null ? "store '" + store.name() + "'" : "partition " + partition + " of store '" + store.name() + "'";
        log.debug("{} cannot answer here: {}", what, internal);
        return new StoreUnavailableException(what + " is NOT_PRESENT here as an active, running copy"
                + (partition == null ? "" : " or a copy at most " + maxLag + " offsets behind"), properties.getRetryAfter());
    }

    private static UnknownStoreException notInTopology(QueryableStore store) {
        return new UnknownStoreException("store '" + store.name() + "' is declared queryable but is not in the topology");
    }

    private static JsonNode windowKey(QueryableStore store, JsonNode key, long start) {
        Instant startTime = Instant.ofEpochMilli(start);
        Instant end = store.windowSize() == null ? null : startTime.plus(store.windowSize());
        return AvroJson.windowed(key, startTime, end);
    }

    /** Timestamped stores (also the DSL's window stores) hold ValueAndTimestamp: shown as value plus timestamp. */
    static StoreEntry entry(JsonNode key, Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return new StoreEntry(key, AvroJson.toJson(timestamped.value()),
                    Instant.ofEpochMilli(timestamped.timestamp()).toString());
        }
        return new StoreEntry(key, AvroJson.toJson(value), null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static QueryableStoreType<ReadOnlyKeyValueStore<Object, Object>> timestampedKeyValueStore() {
        return (QueryableStoreType) QueryableStoreTypes.timestampedKeyValueStore();
    }
}
