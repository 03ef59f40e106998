package io.streamsuite.iot;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Where the topology's stores live: RocksDB in the service; in memory in topology tests, which
 * then run at scale (the test driver flushes every store after every record, and a RocksDB flush
 * writes a file) and can count the key-value stores' reads.
 *
 * @param keyValue key-value store by name
 * @param tables   a table's key-value store (values with timestamps, as the DSL materializes by default)
 * @param windows  window store by name, retention, window size and whether it keeps each value's timestamp
 */
public record IotStores(Function<String, KeyValueBytesStoreSupplier> keyValue, Function<String, KeyValueBytesStoreSupplier> tables,
                        WindowSuppliers windows) {

    /** A window store supplier; {@code timestamped} for a DSL window aggregate's store (its default layout). */
    @FunctionalInterface
    public interface WindowSuppliers {
        WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize, boolean timestamped);
    }

    public static IotStores persistent() {
        return new IotStores(Stores::persistentKeyValueStore, Stores::persistentTimestampedKeyValueStore,
                (name, retention, size, timestamped) -> timestamped
                        ? Stores.persistentTimestampedWindowStore(name, retention, size, false)
                        : Stores.persistentWindowStore(name, retention, size, false));
    }

    /** In-memory stores, the key-value ones from {@code keyValue} (e.g. counting wrappers). */
    public static IotStores inMemory(Function<String, KeyValueBytesStoreSupplier> keyValue) {
        return new IotStores(keyValue, Stores::inMemoryKeyValueStore,
                (name, retention, size, timestamped) -> Stores.inMemoryWindowStore(name, retention, size, false));
    }

    KeyValueBytesStoreSupplier keyValue(String name) {
        return keyValue.apply(name);
    }

    KeyValueBytesStoreSupplier table(String name) {
        return tables.apply(name);
    }

    WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize, boolean timestamped) {
        return windows.window(name, retention, windowSize, timestamped);
    }
}
