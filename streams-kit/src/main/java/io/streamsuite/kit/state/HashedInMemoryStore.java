package io.streamsuite.kit.state;

import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.StoreQueryUtils;

/**
 * An in-memory key-value store for values rewritten far more often than keys are added (a status per device,
 * replaced with every reading): values in a hash map, keys also in a sorted set for ranges. Replacing a value
 * costs a hash lookup; Kafka's {@code Stores.inMemoryKeyValueStore} walks its tree map (a byte-by-byte key
 * comparison per level) on every put. Ranges, prefix scans and iteration are in key order as there, and
 * reflect concurrent writes weakly (interactive queries read while the stream thread writes).
 */
public final class HashedInMemoryStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    private final ConcurrentHashMap<Bytes, byte[]> values = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Bytes> keys = new ConcurrentSkipListSet<>();
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;
    private volatile boolean open;

    private HashedInMemoryStore(String name) {
        this.name = name;
    }

    /** The supplier for {@code Stores.keyValueStoreBuilder}. */
    public static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new HashedInMemoryStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        context.register(root, (key, value) -> put(Bytes.wrap(key), value));
        open = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, this, position, context);
    }

    @Override
    public byte[] get(Bytes key) {
        return values.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            delete(key);
        } else if (values.put(key, value) == null) {
            keys.add(key);
        }
        StoreQueryUtils.updatePosition(position, context);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = values.get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = values.remove(key);
        if (old != null) {
            keys.remove(key);
        }
        StoreQueryUtils.updatePosition(position, context);
        return old;
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return new Entries(keys.tailSet(from, true), from.get());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new Entries(between(from, to, keys), null);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return new Entries(between(from, to, keys).descendingSet(), null);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new Entries(keys, null);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return new Entries(keys.descendingSet(), null);
    }

    /** As Kafka's stores: bounds inclusive, null unbounded, from after to an empty range. */
    private static NavigableSet<Bytes> between(Bytes from, Bytes to, NavigableSet<Bytes> keys) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new ConcurrentSkipListSet<>();
        }
        if (from == null && to == null) {
            return keys;
        }
        if (from == null) {
            return keys.headSet(to, true);
        }
        return to == null ? keys.tailSet(from, true) : keys.subSet(from, true, to, true);
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        values.clear();
        keys.clear();
        open = false;
    }

    /** Keys in order with their values; a key deleted meanwhile is skipped; with a prefix, stops past it. */
    private final class Entries implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Bytes> order;
        private final byte[] prefix;
        private KeyValue<Bytes, byte[]> next;
        private boolean pastPrefix;

        Entries(NavigableSet<Bytes> keys, byte[] prefix) {
            this.order = keys.iterator();
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !pastPrefix && order.hasNext()) {
                Bytes key = order.next();
                if (prefix != null && !startsWith(key.get(), prefix)) {
                    pastPrefix = true;
                    return false;
                }
                byte[] value = values.get(key);
                if (value != null) {
                    next = KeyValue.pair(key, value);
                }
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> entry = next;
            next = null;
            return entry;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
        }

        private boolean startsWith(byte[] key, byte[] start) {
            if (key.length < start.length) {
                return false;
            }
            for (int i = 0; i < start.length; i++) {
                if (key[i] != start[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
