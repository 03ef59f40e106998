package io.streamsuite.kit.lookup;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
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
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * A global table read many times per record, kept decoded: its in-memory store ({@link #supplier}) notes each value
 * the global thread writes, and {@link #get} answers from that copy (a hash lookup), decoding a value once, at its
 * first read after it was written, instead of going through the store's read path per read (key encoding, a
 * sorted-map lookup, copying the value bytes twice, decoding or hashing them). What is kept can be a form derived
 * from the value ({@link #derived}), computed once per value written and read.
 *
 * <pre>{@code
 * DecodedTable<String, RelatedItems> related = DecodedTable.of(Serdes.String(), relatedSerde);
 * builder.globalTable(topic, consumed, Materialized.<String, RelatedItems>as(related.supplier(STORE))...);
 * // in a processor of the same topology:
 * RelatedItems items = related.get(itemId);
 * }</pre>
 *
 * <p>What a restore writes bypasses the copy (the inner store restores itself): a key the copy has not seen since
 * the store was opened is read from the store once and kept, unless the global thread has written the key
 * meanwhile (that value wins). A deletion is kept as "absent", so a late read of the store never brings a deleted
 * value back. The copy holds one entry per key of the table, as the store does. Callers must not modify what
 * they get. One store per table: each KafkaStreams instance (each topology build) gets its own.
 *
 * @param <K> key type
 * @param <D> what is kept per value: the value, or a form derived from it
 */
public final class DecodedTable<K, D> {

    /** The copy's value for a key deleted (or stored as null). */
    private static final Object ABSENT = new Object();
    /** Bytes of the record timestamp the store keeps before each value ({@link TimestampedBytesStore}). */
    private static final int TIMESTAMP_BYTES = 8;

    private final Serde<K> keys;
    private final Function<byte[], D> decoder;
    private volatile Copy copy;

    private DecodedTable(Serde<K> keys, Function<byte[], D> decoder) {
        this.keys = keys;
        this.decoder = decoder;
    }

    /** The table's values as {@code values} decodes them. */
    public static <K, V> DecodedTable<K, V> of(Serde<K> keys, Serde<V> values) {
        return derived(keys, values, value -> value);
    }

    /** Each value decoded, then {@code derive}d (null: as if absent); the derived form is what is kept and answered. */
    public static <K, V, D> DecodedTable<K, D> derived(Serde<K> keys, Serde<V> values, Function<V, D> derive) {
        Deserializer<V> deserializer = values.deserializer();
        return new DecodedTable<>(keys, bytes -> {
            V value = deserializer.deserialize(null, bytes);
            return value == null ? null : derive.apply(value);
        });
    }

    /** The in-memory store to materialize the global table in. */
    public KeyValueBytesStoreSupplier supplier(String name) {
        KeyValueBytesStoreSupplier inMemory = Stores.inMemoryKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                Copy next = new Copy(inMemory.get());
                copy = next;
                return next;
            }

            @Override
            public String metricsScope() {
                return inMemory.metricsScope();
            }
        };
    }

    /** The key's current value (or its derived form); null when absent, deleted or before the store exists. */
    @SuppressWarnings("unchecked")
    public D get(K key) {
        Copy current = copy;
        if (key == null || current == null) {
            return null;
        }
        Object held = current.decoded.get(key);
        if (held == null) {
            Object stored = Undecoded.of(current.inner.get(Bytes.wrap(keys.serializer().serialize(null, key))));
            held = current.decoded.putIfAbsent(key, stored);
            if (held == null) {
                held = stored;
            }
        }
        if (held instanceof Undecoded undecoded) {
            D value = decoder.apply(Arrays.copyOfRange(undecoded.timestamped, TIMESTAMP_BYTES, undecoded.timestamped.length));
            Object decoded = value == null ? ABSENT : value;
            // A value the global thread wrote meanwhile stays for the next read.
            current.decoded.replace(key, undecoded, decoded);
            held = decoded;
        }
        return held == ABSENT ? null : (D) held;
    }

    /** A value written and not read since: the store's bytes (the record time, then the value). */
    private record Undecoded(byte[] timestamped) {
        static Object of(byte[] timestamped) {
            return timestamped == null ? ABSENT : new Undecoded(timestamped);
        }
    }

    /** The store: every write goes to the in-memory store, then its decoded value to the copy. */
    private final class Copy implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

        private final KeyValueStore<Bytes, byte[]> inner;
        private final Map<K, Object> decoded = new ConcurrentHashMap<>();

        Copy(KeyValueStore<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        private void written(Bytes key, byte[] value) {
            decoded.put(keys.deserializer().deserialize(null, key.get()), Undecoded.of(value));
        }

        @Override
        public void put(Bytes key, byte[] value) {
            inner.put(key, value);
            written(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] before = inner.putIfAbsent(key, value);
            if (before == null) {
                written(key, value);
            }
            return before;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            inner.putAll(entries);
            entries.forEach(entry -> written(entry.key, entry.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            byte[] before = inner.delete(key);
            written(key, null);
            return before;
        }

        @Override
        public byte[] get(Bytes key) {
            return inner.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return inner.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return inner.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return inner.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return inner.reverseAll();
        }

        @Override
        public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
                P prefix, PS prefixKeySerializer) {
            return inner.prefixScan(prefix, prefixKeySerializer);
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inner.init(context, root);
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public void close() {
            inner.close();
            decoded.clear();
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return inner.query(query, positionBound, config);
        }

        @Override
        public Position getPosition() {
            return inner.getPosition();
        }
    }
}
