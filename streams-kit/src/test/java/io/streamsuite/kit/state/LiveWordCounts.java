package io.streamsuite.kit.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The smallest user of a commit hook: counts the words of each line in memory and writes the counts changed
 * since the last commit to a logged store from the hook. Each word is forwarded with what the store held for
 * it while the line was processed, so a test sees whether anything reached the store before the commit.
 */
final class LiveWordCounts implements Processor<String, String, String, Long> {

    static final String STORE = "word-counts";
    static final String HOOK = "word-counts-commit";

    private final Predicate<String> crashesOn;
    private final Map<String, Long> pending = new HashMap<>();
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> store;
    /** How many counts were pending in memory when {@link #crashesOn} last threw. */
    private final int[] pendingAtCrash;

    private LiveWordCounts(Predicate<String> crashesOn, int[] pendingAtCrash) {
        this.crashesOn = crashesOn;
        this.pendingAtCrash = pendingAtCrash;
    }

    /** Lines from {@code input}; each word and its stored count at processing time to {@code seen}. */
    static Topology topology(String input, String seen, Predicate<String> crashesOn, int[] pendingAtCrash) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingDisabled());
        builder.addStateStore(CommitHook.builder(HOOK));
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new LiveWordCounts(crashesOn, pendingAtCrash), Named.as("live-word-counts"), STORE, HOOK)
                .to(seen, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        pending.clear();
        CommitHook.of(context, HOOK).beforeCommit(this, this::writePending);
    }

    @Override
    public void process(Record<String, String> record) {
        for (String word : record.value().split(" ")) {
            if (crashesOn.test(word)) {
                pendingAtCrash[0] = pending.size();
                throw new IllegalStateException("crash before the commit, on " + word);
            }
            Long stored = store.get(word);
            long before = pending.containsKey(word) ? pending.get(word) : stored == null ? 0 : stored;
            pending.put(word, before + 1);
            context.forward(record.withKey(word).withValue(stored == null ? 0L : stored));
        }
    }

    private void writePending() {
        pending.forEach(store::put);
        pending.clear();
    }
}
