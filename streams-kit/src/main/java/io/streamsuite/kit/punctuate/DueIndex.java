package io.streamsuite.kit.punctuate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keys by the time they fall due, so a wall-clock punctuator visits only what may be due instead of
 * scanning every key of a store. Each entry's store key is the due time (8 bytes, big-endian, so byte
 * order is time order) followed by the key's bytes; the value is empty. A punctuation is then one
 * range scan from the start of time to now, reading only due entries.
 *
 * <p>The caller keeps each key's current due time in its own state and moves the entry when it
 * changes ({@link #move}); an entry whose time no longer matches the caller's state is stale and the
 * caller drops it when it comes up. Due times below zero are filed at zero.
 *
 * <p>A key whose due time only ever moves later (a deadline pushed back by each heartbeat) need not
 * be refiled on every push: {@link #fileBy} keeps an entry that comes up no later than the new due
 * time, and the caller refiles the key when that early entry comes up. A key is then written about
 * once per deadline span instead of once per push, at the price of one early visit.
 *
 * <pre>{@code
 * builder.addStateStore(DueIndex.storeBuilder(Stores.persistentKeyValueStore("silence-due")));
 * index = DueIndex.of(context.getStateStore("silence-due"), Serdes.String());
 * context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> index.due(now, 10_000).forEach(...));
 * }</pre>
 *
 * @param <K> the key type indexed
 */
public final class DueIndex<K> {

    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serializer<K> keys;
    private final Deserializer<K> keyReader;

    private DueIndex(KeyValueStore<Bytes, byte[]> store, Serde<K> keys) {
        this.store = store;
        this.keys = keys.serializer();
        this.keyReader = keys.deserializer();
    }

    /** The store an index lives in, with its changelog (the index is state like any other). */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder(KeyValueBytesStoreSupplier supplier) {
        return Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
    }

    public static <K> DueIndex<K> of(KeyValueStore<Bytes, byte[]> store, Serde<K> keys) {
        return new DueIndex<>(store, keys);
    }

    /** Files {@code key} under {@code due}. */
    public void add(K key, long due) {
        store.put(entry(key, due), PRESENT);
    }

    /** Takes {@code key} off {@code due}. */
    public void remove(K key, long due) {
        store.delete(entry(key, due));
    }

    /** Refiles {@code key} from {@code previousDue} (negative: not filed) to {@code due}; nothing when equal. */
    public void move(K key, long previousDue, long due) {
        if (previousDue == due) {
            return;
        }
        if (previousDue >= 0) {
            remove(key, previousDue);
        }
        add(key, due);
    }

    /**
     * Makes sure {@code key} comes up no later than {@code due}, writing only when it must: an entry
     * already filed at or before {@code due} is kept (negative {@code filedAt}: none). A negative
     * {@code due} takes the key off.
     *
     * @return the time the key is filed under now (what the caller keeps as its filed time); negative when off
     */
    public long fileBy(K key, long filedAt, long due) {
        if (due < 0) {
            if (filedAt >= 0) {
                remove(key, filedAt);
            }
            return -1;
        }
        if (filedAt >= 0 && filedAt <= due) {
            return filedAt;
        }
        move(key, filedAt, due);
        return due;
    }

    /**
     * The entries due at or before {@code now}, earliest first, at most {@code max} of them (the rest
     * come up at the next punctuation). Reads only those entries: one range scan that stops at now.
     */
    public List<Due<K>> due(long now, int max) {
        List<Due<K>> due = new ArrayList<>();
        if (now < 0) {
            return due;
        }
        Bytes from = Bytes.wrap(time(0));
        // Inclusive upper bound: every entry of time now + 1 sorts after this bare prefix.
        Bytes to = Bytes.wrap(time(now + 1));
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(from, to)) {
            while (due.size() < max && entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer bytes = ByteBuffer.wrap(entry.key.get());
                long at = bytes.getLong();
                byte[] key = new byte[bytes.remaining()];
                bytes.get(key);
                due.add(new Due<>(keyReader.deserialize(null, key), at));
            }
        }
        return due;
    }

    private Bytes entry(K key, long due) {
        byte[] keyBytes = keys.serialize(null, key);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + keyBytes.length).putLong(Math.max(0, due)).put(keyBytes).array());
    }

    private static byte[] time(long at) {
        return ByteBuffer.allocate(Long.BYTES).putLong(at).array();
    }

    /** One key that has fallen due, with the time it was filed under. */
    public record Due<K>(K key, long due) {
    }
}
