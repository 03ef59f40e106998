package io.streamsuite.iot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory key-value stores that count their reads: a get, the opening of a scan and every entry
 * a scan returns each count one. For asserting what a punctuation costs.
 */
final class CountingStores implements Function<String, KeyValueBytesStoreSupplier> {

    private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();

    long reads(String store) {
        return reads.computeIfAbsent(store, name -> new AtomicLong()).get();
    }

    @Override
    public KeyValueBytesStoreSupplier apply(String name) {
        KeyValueBytesStoreSupplier inner = Stores.inMemoryKeyValueStore(name);
        AtomicLong counter = reads.computeIfAbsent(name, n -> new AtomicLong());
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new Counting(inner.get(), counter);
            }

            @Override
            public String metricsScope() {
                return inner.metricsScope();
            }
        };
    }

    private record Counting(KeyValueStore<Bytes, byte[]> inner, AtomicLong reads) implements KeyValueStore<Bytes, byte[]> {

        @Override
        public byte[] get(Bytes key) {
            reads.incrementAndGet();
            return inner.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            reads.incrementAndGet();
            return counted(inner.range(from, to));
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            reads.incrementAndGet();
            return counted(inner.reverseRange(from, to));
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            reads.incrementAndGet();
            return counted(inner.all());
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            reads.incrementAndGet();
            return counted(inner.reverseAll());
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            reads.incrementAndGet();
            return counted(inner.prefixScan(prefix, serializer));
        }

        private KeyValueIterator<Bytes, byte[]> counted(KeyValueIterator<Bytes, byte[]> scan) {
            return new KeyValueIterator<>() {
                @Override
                public void close() {
                    scan.close();
                }

                @Override
                public Bytes peekNextKey() {
                    return scan.peekNextKey();
                }

                @Override
                public boolean hasNext() {
                    return scan.hasNext();
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    reads.incrementAndGet();
                    return scan.next();
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }

        @Override
        public void put(Bytes key, byte[] value) {
            inner.put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return inner.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            inner.putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return inner.delete(key);
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
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
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
