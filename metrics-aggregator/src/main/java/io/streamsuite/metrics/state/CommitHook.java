package io.streamsuite.metrics.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A store that holds nothing and has no changelog: Kafka Streams flushes every store of a task
 * before it commits the task (and before a clean close), so a processor that keeps its aggregates
 * live in memory registers here what it must write to its real stores first. Those writes then go
 * to the changelog in the same transaction as the offsets they account for: exactly-once holds
 * while a record costs a memory update, not a store write.
 */
public final class CommitHook implements StateStore {

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

    @Override
    public void flush() {
        for (Runnable action : beforeCommit) {
            action.run();
        }
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
