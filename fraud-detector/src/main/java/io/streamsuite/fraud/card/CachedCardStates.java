package io.streamsuite.fraud.card;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The card-state store of one task behind a cache of decoded states, least recently used out first: a
 * card seen again is read from memory, not from RocksDB through JNI and decoded. Every write goes to the
 * store (and so its changelog) first, then to the cache, so the cache never holds what the store does not.
 * Only the task's own processor writes the store; it makes a new cache in {@code init} and drops it in
 * {@code close}, so a task restored from its changelog (revived after an abort, moved, restarted) starts
 * with an empty one.
 */
final class CachedCardStates {

    private final KeyValueStore<String, CardState> store;
    private final Map<String, CardState> decoded;

    CachedCardStates(KeyValueStore<String, CardState> store, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.store = store;
        this.decoded = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CardState> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The card's state, or null when it has none. */
    CardState get(String token) {
        CardState cached = decoded.get(token);
        if (cached != null) {
            return cached;
        }
        CardState read = store.get(token);
        if (read != null) {
            decoded.put(token, read);
        }
        return read;
    }

    void put(String token, CardState state) {
        store.put(token, state);
        decoded.put(token, state);
    }

    void delete(String token) {
        decoded.remove(token);
        store.delete(token);
    }

    int size() {
        return decoded.size();
    }
}
