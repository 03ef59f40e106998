package io.streamsuite.kit.lookup;

import io.streamsuite.kit.serde.WaitForRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A stream–table join done as a lookup: a compacted reference topic read as a global table (on
 * every instance, so no repartition), looked up by key from any processor. The table's values are
 * read through {@link WaitForRegistry}: the global thread cannot be replaced, so a registry outage
 * makes it wait rather than fail the application.
 *
 * <pre>{@code
 * GlobalLookup.table(builder, "iot.device-registrations", "iot.registrations", Serdes.String(), registrations);
 * // in a processor's init:
 * lookup = GlobalLookup.of(context, "iot.registrations");
 * DeviceRegistration registration = lookup.get(deviceId);
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class GlobalLookup<K, V> {

    private final TimestampedKeyValueStore<K, V> store;

    private GlobalLookup(TimestampedKeyValueStore<K, V> store) {
        this.store = store;
    }

    /** Adds the global table of {@code topic}, materialized as {@code storeName}. */
    public static <K, V> void table(StreamsBuilder builder, String topic, String storeName, Serde<K> keys, Serde<V> values) {
        Serde<V> waiting = WaitForRegistry.serde(values);
        builder.globalTable(topic, Consumed.with(keys, waiting).withName(storeName + "-source"),
                Materialized.<K, V, KeyValueStore<Bytes, byte[]>>as(storeName).withKeySerde(keys).withValueSerde(waiting));
    }

    /** As {@link #table(StreamsBuilder, String, String, Serde, Serde)}, in the store {@code supplier} gives (e.g. in memory in tests). */
    public static <K, V> void table(StreamsBuilder builder, String topic, KeyValueBytesStoreSupplier supplier, Serde<K> keys,
                                    Serde<V> values) {
        Serde<V> waiting = WaitForRegistry.serde(values);
        builder.globalTable(topic, Consumed.with(keys, waiting).withName(supplier.name() + "-source"),
                Materialized.<K, V>as(supplier).withKeySerde(keys).withValueSerde(waiting));
    }

    /** The table from a processor (global stores need no connecting). */
    public static <K, V> GlobalLookup<K, V> of(ProcessorContext<?, ?> context, String storeName) {
        return new GlobalLookup<>(context.getStateStore(storeName));
    }

    /** The key's current value; null when absent or deleted. */
    public V get(K key) {
        if (key == null) {
            return null;
        }
        ValueAndTimestamp<V> found = store.get(key);
        return found == null ? null : found.value();
    }
}
