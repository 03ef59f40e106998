package io.streamsuite.kit.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Values of a task's store kept decoded in memory, at most {@code capacity} of them (least recently used
 * leave first), with the changed ones written back at each commit: a record then costs a lookup in memory,
 * not a store read and decode, and a value changed several times between commits is written once.
 *
 * <p>Use with a {@link CommitHook}: in {@code init}, {@link #clear} (the store is the truth when a task
 * starts) and register {@link #writeChanged} with the hook. A changed value that leaves memory is written
 * when it leaves, so a value is always in memory or in the store as last put. Writes happen in processing or in
 * the commit, so under exactly-once they reach the changelog in the transaction of the records that made them.
 *
 * <p>A value put must not be changed afterwards: it may be written at any later point.
 *
 * @param <K> the key type
 * @param <V> the decoded value type
 */
public final class LiveValues<K, V> {

    private static final class Entry<V> {
        V value;
        boolean changed;

        Entry(V value) {
            this.value = value;
        }
    }

    private final int capacity;
    private final Function<K, V> load;
    private final BiConsumer<K, V> write;
    private final Map<K, Entry<V>> entries;
    /** Keys put since the last commit, each once (some may have been written on leaving memory since). */
    private final List<Map.Entry<K, Entry<V>>> changed = new ArrayList<>();

    /**
     * @param load  reads a key's value from the stores; null when there is none (not remembered)
     * @param write writes a changed value to the stores
     */
    public LiveValues(int capacity, Function<K, V> load, BiConsumer<K, V> write) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.load = Objects.requireNonNull(load, "load");
        this.write = Objects.requireNonNull(write, "write");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                if (size() <= LiveValues.this.capacity) {
                    return false;
                }
                writeIfChanged(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /** The key's value: from memory, else loaded (and remembered); null when it has none. */
    public V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry != null) {
            return entry.value;
        }
        V value = load.apply(key);
        if (value != null) {
            entries.put(key, new Entry<>(value));
        }
        return value;
    }

    /** The key's value if it is in memory (changed or not), without loading it; null otherwise. */
    public V peek(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value;
    }

    /** Sets the key's value in memory; it is written at the next commit (or when it leaves memory before). */
    public void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(value);
            entries.put(key, entry);
        }
        entry.value = value;
        if (!entry.changed) {
            entry.changed = true;
            changed.add(Map.entry(key, entry));
        }
    }

    /** The commit hook's action: every value changed since the last commit, written once. */
    public void writeChanged() {
        for (Map.Entry<K, Entry<V>> entry : changed) {
            writeIfChanged(entry.getKey(), entry.getValue());
        }
        changed.clear();
    }

    /** Forgets everything in memory, changed values included (a task starting again reads its stores). */
    public void clear() {
        entries.clear();
        changed.clear();
    }

    public int size() {
        return entries.size();
    }

    private void writeIfChanged(K key, Entry<V> entry) {
        if (entry.changed) {
            entry.changed = false;
            write.accept(key, entry.value);
        }
    }
}
