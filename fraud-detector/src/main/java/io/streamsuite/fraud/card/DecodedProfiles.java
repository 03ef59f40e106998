package io.streamsuite.fraud.card;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The account-profile histories already decoded, shared by the global profile processor (which
 * writes the store) and the card stage on every stream thread (which reads it once per transaction):
 * a hit costs no store read and no decode. The writer replaces an account's entry after each store
 * write; a reader caches what it read only if no write happened meanwhile (else it takes its entry
 * back), so an entry is never older than the store. Past {@code maxEntries} it starts afresh.
 */
public final class DecodedProfiles {

    private final int maxEntries;
    private final ConcurrentHashMap<String, ProfileHistory> decoded = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public DecodedProfiles(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The account's history, from the cache or the store; null when it has none. */
    public ProfileHistory get(KeyValueStore<String, ProfileHistory> store, String account) {
        ProfileHistory cached = decoded.get(account);
        if (cached != null) {
            return cached;
        }
        long before = writes.get();
        ProfileHistory read = store.get(account);
        if (read == null) {
            return null;
        }
        if (decoded.size() >= maxEntries) {
            decoded.clear();
        }
        decoded.putIfAbsent(account, read);
        if (writes.get() != before) {
            decoded.remove(account, read);
        }
        return read;
    }

    /** Writes the account's new history to the store, then to the cache. */
    public void put(KeyValueStore<String, ProfileHistory> store, String account, ProfileHistory history) {
        writes.incrementAndGet();
        store.put(account, history);
        decoded.put(account, history);
    }

    int size() {
        return decoded.size();
    }
}
