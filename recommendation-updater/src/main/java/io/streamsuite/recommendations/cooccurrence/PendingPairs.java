package io.streamsuite.recommendations.cooccurrence;

import io.streamsuite.kit.topk.TopK;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The user side's pair batches held per target item until the next flush, so a target item gets one batch per
 * flush from each task rather than one per interaction that pairs with it. Held in memory and written to a store
 * (changelogged) at each commit, only the targets that changed since the last one ({@link #writeChanged}, run by
 * the task's commit hook): what a commit has counted as processed is in the changelog until it is sent, so a crash
 * loses no pair. The processor makes one whenever it is initialized (after its stores are restored, again after a
 * rollback under exactly-once), so what it holds always starts from the store.
 *
 * <p>Merging is exact for the related items: weights are summed, each decayed to the batch's latest time (adding a
 * weight at an earlier time is decaying it to the later one, {@link TopK#add}).
 */
public final class PendingPairs {

    /** A batch this large is sent at once: it bounds the cost of each merge and the store's values. */
    public static final int MOST_PER_BATCH = 64;

    private final KeyValueStore<String, PairBatch> store;
    /** What the store holds, decoded: read here, written to both (the store is what survives a crash). */
    private final Map<String, PairBatch> held = new TreeMap<>();
    private final long halfLifeMillis;
    /** Targets whose batch changed (or went) since the last commit. */
    private final Set<String> changed = new HashSet<>();

    /** Takes over what the store holds (a task starting after a crash sends it at the next flush). */
    public PendingPairs(KeyValueStore<String, PairBatch> store, long halfLifeMillis) {
        this.store = store;
        this.halfLifeMillis = halfLifeMillis;
        try (KeyValueIterator<String, PairBatch> stored = store.all()) {
            stored.forEachRemaining(batch -> held.put(batch.key, batch.value));
        }
    }

    /** Holds the batches; returns those full enough to send now (removed from what is held). */
    public List<KeyValue<String, PairBatch>> add(List<KeyValue<String, PairBatch>> batches) {
        List<KeyValue<String, PairBatch>> full = new ArrayList<>(0);
        for (KeyValue<String, PairBatch> batch : batches) {
            PairBatch merged = merged(held.get(batch.key), batch.value, halfLifeMillis);
            if (merged.pairs().size() >= MOST_PER_BATCH) {
                held.remove(batch.key);
                full.add(KeyValue.pair(batch.key, merged));
            } else {
                held.put(batch.key, merged);
            }
            changed.add(batch.key);
        }
        return full;
    }

    /** Every batch held, in key order, removed (from the store at the next commit). */
    public List<KeyValue<String, PairBatch>> drain() {
        List<KeyValue<String, PairBatch>> all = new ArrayList<>(held.size());
        held.forEach((target, batch) -> all.add(KeyValue.pair(target, batch)));
        changed.addAll(held.keySet());
        held.clear();
        return all;
    }

    /** Writes what changed since the last commit to the store: the batch held for a target, or its deletion. */
    public void writeChanged() {
        for (String target : changed) {
            PairBatch batch = held.get(target);
            if (batch == null) {
                store.delete(target);
            } else {
                store.put(target, batch);
            }
        }
        changed.clear();
    }

    /** {@code more} added to {@code held} (null: nothing held): one weight per item, as of the later time. */
    static PairBatch merged(PairBatch held, PairBatch more, long halfLifeMillis) {
        if (held == null) {
            return more;
        }
        long time = Math.max(held.time(), more.time());
        Map<String, Double> weights = new LinkedHashMap<>();
        add(weights, held, time, halfLifeMillis);
        add(weights, more, time, halfLifeMillis);
        List<PairBatch.Pair> pairs = new ArrayList<>(weights.size());
        weights.forEach((itemId, weight) -> pairs.add(new PairBatch.Pair(itemId, weight)));
        return new PairBatch(List.copyOf(pairs), time);
    }

    private static void add(Map<String, Double> weights, PairBatch batch, long time, long halfLifeMillis) {
        double factor = TopK.decay(time - batch.time(), halfLifeMillis);
        for (PairBatch.Pair pair : batch.pairs()) {
            weights.merge(pair.itemId(), pair.weight() * factor, Double::sum);
        }
    }
}
