package io.streamsuite.kit.processor;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Everything one input record will change, staged while the processor decides: state writes and output
 * records. Nothing touches a store or a sink until {@link AllOrNothingProcessor} applies the lot, after every
 * output has been serialized; a failure before that leaves no trace.
 */
public final class RecordOutputs {

    private final List<Runnable> writes = new ArrayList<>();
    private final List<Staged<?, ?>> sends = new ArrayList<>();

    RecordOutputs() {
    }

    /** Stages {@code store.put(key, value)}. */
    public <K, V> RecordOutputs put(KeyValueStore<K, V> store, K key, V value) {
        writes.add(() -> store.put(key, value));
        return this;
    }

    /**
     * Stages a delete of {@code key}, as the tombstone {@code put(key, null)}: {@code store.delete(key)} would
     * read and decode the old value only to return it.
     */
    public <K, V> RecordOutputs delete(KeyValueStore<K, V> store, K key) {
        writes.add(() -> store.put(key, null));
        return this;
    }

    /** Stages any other state change (a window store put, a versioned put), applied in order with the rest. */
    public RecordOutputs write(Runnable stateChange) {
        writes.add(stateChange);
        return this;
    }

    /** Stages an output record for the sink, with the input record's timestamp and headers. */
    public <K, V> RecordOutputs send(SinkTopic<K, V> sink, K key, V value) {
        sends.add(new Staged<>(sink, key, value, null, null));
        return this;
    }

    /** Stages an output record for the sink with its own timestamp and headers. */
    public <K, V> RecordOutputs send(SinkTopic<K, V> sink, K key, V value, long timestamp, Headers headers) {
        sends.add(new Staged<>(sink, key, value, timestamp, headers));
        return this;
    }

    /** Serializes every output (may throw), then writes the state, then hands the bytes to the sinks. */
    void apply(Record<?, ?> input, ProcessorContext<byte[], byte[]> context) {
        List<Record<byte[], byte[]>> serialized = new ArrayList<>(sends.size());
        for (Staged<?, ?> send : sends) {
            serialized.add(send.serialize(input));
        }
        writes.forEach(Runnable::run);
        for (int i = 0; i < serialized.size(); i++) {
            context.forward(serialized.get(i), sends.get(i).sink().nodeName());
        }
    }

    private record Staged<K, V>(SinkTopic<K, V> sink, K key, V value, Long timestamp, Headers headers) {
        Record<byte[], byte[]> serialize(Record<?, ?> input) {
            Headers out = new RecordHeaders((headers != null ? headers : input.headers()).toArray());
            byte[] keyBytes = sink.keySerializer().serialize(sink.topic(), out, key);
            byte[] valueBytes = sink.valueSerializer().serialize(sink.topic(), out, value);
            return new Record<>(keyBytes, valueBytes, timestamp != null ? timestamp : input.timestamp(), out);
        }
    }
}
