package io.streamsuite.kit.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Runs a processor's pending writes inside each commit of its task, for processors that keep live aggregates
 * in memory (a record costs a memory update, not a store write) and owe their real stores what changed.
 *
 * <p>Use: declare the hook once beside the stores ({@code builder.addStateStore(CommitHook.builder(HOOK))}),
 * connect it to the processor with its stores, and in {@code init} register what to write:
 * <pre>{@code
 * CommitHook.of(context, HOOK).beforeCommit(this, this::writeChanged);
 * }</pre>
 * Kafka Streams flushes a task's record caches before it commits the task (and before a clean close); this
 * store, which holds nothing and has no changelog, is one of those caches, so the writes run there and go to
 * the changelogs in the same transaction as the offsets they account for. A crash before the commit aborts
 * both; the records are read again from the committed offsets, and a processor rebuilds its memory from the
 * store in {@code init}, so nothing committed is lost and nothing is counted twice.
 *
 * <p>Rules for the writes: only store writes (no {@code forward}: there is no current record at a commit);
 * the stores written must have caching disabled ({@code withCachingDisabled()}), or a cache flushed before the
 * hook would keep the writes until the next commit; an exception fails the commit (and under exactly-once
 * aborts the transaction) like any other processing failure.
 *
 * <p>{@code CachedStateStore} is Kafka Streams' internal interface of its own caching layer (a plain store's
 * {@code flush} runs only at checkpoints, which under exactly-once are not every commit). It is verified on
 * the Kafka Streams line {@link #VERIFIED_ON}; {@code CommitHookTest} fails on any other line until the
 * behaviour is checked again (that test's scenarios) and this constant raised.
 */
public final class CommitHook implements StateStore, CachedStateStore<Void, Void> {

    /** The Kafka Streams release line ({@code major.minor}) whose commit path this hook was checked against. */
    public static final String VERIFIED_ON = "4.2";

    private final String name;
    /** One action per owner, in registration order: Kafka Streams may init a processor again (a resumed task). */
    private final Map<Object, Runnable> beforeCommit = new LinkedHashMap<>();
    private boolean open;

    private CommitHook(String name) {
        this.name = name;
    }

    /** The hook of this processor's task, by the name it was declared with (connected to the processor). */
    public static CommitHook of(ProcessorContext<?, ?> context, String name) {
        StateStore store = context.getStateStore(name);
        if (store instanceof CommitHook hook) {
            return hook;
        }
        throw new IllegalArgumentException("store " + name + " is not a commit hook: declare it with CommitHook.builder");
    }

    /**
     * Runs {@code writes} at each commit of this task, after the actions registered before it; registering again
     * for the same {@code owner} (the processor, usually) replaces its earlier action.
     */
    public void beforeCommit(Object owner, Runnable writes) {
        beforeCommit.put(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(writes, "writes"));
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

    /** At every commit, and before a clean close. */
    @Override
    public void flushCache() {
        for (Runnable writes : beforeCommit.values()) {
            writes.run();
        }
    }

    /** At checkpoints, right after a commit's {@link #flushCache}: nothing left then, but harmless. */
    @Override
    public void flush() {
        flushCache();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Void, Void> listener, boolean sendOldValues) {
        return false;
    }

    /** Called when a task's state is thrown away; its processors start from their stores again at their next init. */
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

    /** The hook's declaration: never logged (it holds no data), caching settings ignored. */
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
