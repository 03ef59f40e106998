package io.streamsuite.kit.query;

import java.time.Duration;
import java.util.Objects;

/**
 * A state store a service exposes to queries, declared as data: its name, kind and key type.
 * Declare one bean per store (or a {@code List<QueryableStore>} bean); the kit serves them all.
 *
 * <pre>{@code
 * @Bean QueryableStore cardRisk() { return QueryableStore.keyValue(Stores.CARD_RISK, KeyType.string()); }
 * }</pre>
 */
public final class QueryableStore {

    /** What the store is, which decides the queries it answers. */
    public enum Kind {
        /** Key lookup, range, all (IQv2 KeyQuery, RangeQuery). */
        KEY_VALUE,
        /** As KEY_VALUE, with each value's timestamp (IQv2 TimestampedKeyQuery, TimestampedRangeQuery). */
        TIMESTAMPED_KEY_VALUE,
        /** Windows of one key in a time range (IQv2 WindowKeyQuery). */
        WINDOW,
        /** Sessions of one key (IQv2 WindowRangeQuery.withKey). */
        SESSION
    }

    private final String name;
    private final Kind kind;
    private final KeyType<?> keyType;
    private final Duration windowSize;
    private final boolean activeCopyOnly;

    private QueryableStore(String name, Kind kind, KeyType<?> keyType, Duration windowSize) {
        this(name, kind, keyType, windowSize, false);
    }

    private QueryableStore(String name, Kind kind, KeyType<?> keyType, Duration windowSize, boolean activeCopyOnly) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("store name must not be blank");
        }
        this.name = name;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.windowSize = windowSize;
        this.activeCopyOnly = activeCopyOnly;
    }

    public static QueryableStore keyValue(String name, KeyType<?> keyType) {
        return new QueryableStore(name, Kind.KEY_VALUE, keyType, null);
    }

    public static QueryableStore timestampedKeyValue(String name, KeyType<?> keyType) {
        return new QueryableStore(name, Kind.TIMESTAMPED_KEY_VALUE, keyType, null);
    }

    /** A window store whose window size is unknown here: results carry {@code windowStart} only. */
    public static QueryableStore window(String name, KeyType<?> keyType) {
        return new QueryableStore(name, Kind.WINDOW, keyType, null);
    }

    /** A window store of fixed-size windows: results carry {@code windowStart} and {@code windowEnd}. */
    public static QueryableStore window(String name, KeyType<?> keyType, Duration windowSize) {
        Objects.requireNonNull(windowSize, "windowSize");
        return new QueryableStore(name, Kind.WINDOW, keyType, windowSize);
    }

    public static QueryableStore session(String name, KeyType<?> keyType) {
        return new QueryableStore(name, Kind.SESSION, keyType, null);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public KeyType<?> keyType() {
        return keyType;
    }

    /** Null when not declared. */
    public Duration windowSize() {
        return windowSize;
    }

    /**
     * This store, answered by its running active copy only: never by a standby or a restoring active. For a store
     * without a changelog that the active task rebuilds from its other stores when it starts (a standby's copy stays
     * empty, and a wrong "not found" is worse than a 503 with Retry-After).
     */
    public QueryableStore activeCopyOnly() {
        return new QueryableStore(name, kind, keyType, windowSize, true);
    }

    public boolean isActiveCopyOnly() {
        return activeCopyOnly;
    }

    public boolean isKeyValue() {
        return kind == Kind.KEY_VALUE || kind == Kind.TIMESTAMPED_KEY_VALUE;
    }

    @Override
    public String toString() {
        return name + " (" + kind + ", key " + keyType.name() + (activeCopyOnly ? ", active copy only" : "") + ")";
    }
}
