package io.streamsuite.recommendations.cooccurrence;

import io.streamsuite.kit.topk.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** What the store holds, as mutable sums: read and added to here, written to the store at each commit. */
    private final Map<String, Held> held = new HashMap<>();
    private final long halfLifeMillis;
    /** Targets whose batch changed (or went) since the last commit. */
    private final Set<String> changed = new HashSet<>();

    /** Takes over what the store holds (a task starting after a crash sends it at the next flush). */
    public PendingPairs(KeyValueStore<String, PairBatch> store, long halfLifeMillis) {
        this.store = store;
        this.halfLifeMillis = halfLifeMillis;
        try (KeyValueIterator<String, PairBatch> stored = store.all()) {
            stored.forEachRemaining(batch -> held.put(batch.key, new Held(batch.value)));
        }
    }

    /** Holds the batches; returns those full enough to send now (removed from what is held). */
    public List<KeyValue<String, PairBatch>> add(List<KeyValue<String, PairBatch>> batches) {
        List<KeyValue<String, PairBatch>> full = new ArrayList<>(0);
        for (KeyValue<String, PairBatch> batch : batches) {
            Held target = held.get(batch.key);
            if (target == null) {
                target = new Held(batch.value);
                held.put(batch.key, target);
            } else {
                target.add(batch.value, halfLifeMillis);
            }
            if (target.weights.size() >= MOST_PER_BATCH) {
                held.remove(batch.key);
                full.add(KeyValue.pair(batch.key, target.batch()));
            }
            changed.add(batch.key);
        }
        return full;
    }

    /** Every batch held, in key order, removed (from the store at the next commit). */
    public List<KeyValue<String, PairBatch>> drain() {
        List<String> targets = new ArrayList<>(held.keySet());
        targets.sort(null);
        List<KeyValue<String, PairBatch>> all = new ArrayList<>(targets.size());
        for (String target : targets) {
            all.add(KeyValue.pair(target, held.get(target).batch()));
        }
        changed.addAll(targets);
        held.clear();
        return all;
    }

    /** Writes what changed since the last commit to the store: the batch held for a target, or its deletion. */
    public void writeChanged() {
        for (String target : changed) {
            Held batch = held.get(target);
            if (batch == null) {
                store.delete(target);
            } else {
                store.put(target, batch.batch());
            }
        }
        changed.clear();
    }

    /**
     * One target's batch as sums kept in place: the same arithmetic as {@link #merged}, operation for operation (a
     * held weight is decayed only when a later batch moves the time: by exactly 1.0 otherwise, which changes nothing).
     */
    private static final class Held {
        private final Map<String, double[]> weights = new LinkedHashMap<>();
        private long time;

        Held(PairBatch first) {
            time = first.time();
            for (PairBatch.Pair pair : first.pairs()) {
                double[] sum = weights.get(pair.itemId());
                if (sum == null) {
                    weights.put(pair.itemId(), new double[] {pair.weight()});
                } else {
                    sum[0] += pair.weight();
                }
            }
        }

        void add(PairBatch more, long halfLifeMillis) {
            long next = Math.max(time, more.time());
            double factor = TopK.decay(next - time, halfLifeMillis);
            if (factor != 1.0) {
                for (double[] sum : weights.values()) {
                    sum[0] *= factor;
                }
            }
            time = next;
            double moreFactor = TopK.decay(next - more.time(), halfLifeMillis);
            for (PairBatch.Pair pair : more.pairs()) {
                double weight = pair.weight() * moreFactor;
                double[] sum = weights.get(pair.itemId());
                if (sum == null) {
                    weights.put(pair.itemId(), new double[] {weight});
                } else {
                    sum[0] += weight;
                }
            }
        }

        PairBatch batch() {
            List<PairBatch.Pair> pairs = new ArrayList<>(weights.size());
            weights.forEach((itemId, sum) -> pairs.add(new PairBatch.Pair(itemId, sum[0])));
            return new PairBatch(List.copyOf(pairs), time);
        }
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
