package io.streamsuite.metrics.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing and has no changelog: before Kafka Streams commits a task (also before
 * a clean close) it flushes the task's record caches, the stores that are a {@link CachedStateStore},
 * so a processor that keeps its aggregates live in memory registers here what it must write to its
 * real stores first. Those writes go to the changelog in the same transaction as the offsets they
 * account for: exactly-once holds while a record costs a memory update, not a store write.
 * ({@code CachedStateStore} is Kafka Streams' internal interface of its own caching layer; a plain
 * store's {@code flush} runs only at checkpoints, which under exactly-once are not every commit.)
 */
public final class CommitHook implements StateStore, CachedStateStore<Void, Void> {

    private final String name;
    private final List<Runnable> beforeCommit = new ArrayList<>();
    private boolean open;

    private CommitHook(String name) {
        this.name = name;
    }

    /** Runs {@code action} at each flush of this task's stores, in registration order. */
    public void beforeCommit(Runnable action) {
        beforeCommit.add(action);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
            // Never called: there is no changelog to restore from.
        });
        open = true;
    }

    /** At every commit. */
    @Override
    public void flushCache() {
        for (Runnable action : beforeCommit) {
            action.run();
        }
    }

    /** At checkpoints, right after a commit's {@link #flushCache}: nothing left, but harmless. */
    @Override
    public void flush() {
        flushCache();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Void, Void> listener, boolean sendOldValues) {
        return false;
    }

    /** Called when a task's state is thrown away; the processors start from the store again on their next init. */
    @Override
    public void clearCache() {
    }

    @Override
    public void close() {
        beforeCommit.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    public static StoreBuilder<CommitHook> builder(String name) {
        return new Builder(name);
    }

    private record Builder(String name) implements StoreBuilder<CommitHook> {

        @Override
        public StoreBuilder<CommitHook> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitHook> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("a commit hook holds no data to log");
        }

        @Override
        public StoreBuilder<CommitHook> withLoggingDisabled() {
            return this;
        }

        @Override
        public CommitHook build() {
            return new CommitHook(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
