package io.streamsuite.recommendations.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * The pending pairs keep their sums in place: what they send (full batches at once, the rest at a drain) and what
 * they write at a commit are exactly, bit for bit, the batches {@link PendingPairs#merged} folds from the same input,
 * out-of-order times included.
 */
class PendingPairsTest {

    private static final long HALF_LIFE = 3_600_000L;

    @Test
    void sendsAndWritesExactlyWhatMergingEachBatchInTurnGives() {
        KeyValueStore<String, PairBatch> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"),
                Serdes.String(), PairBatch.SERDE).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        PendingPairs pending = new PendingPairs(store, HALF_LIFE);
        Map<String, PairBatch> reference = new TreeMap<>();
        List<KeyValue<String, PairBatch>> sent = new ArrayList<>();
        List<KeyValue<String, PairBatch>> expectedSent = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            String target = "item-" + random.nextInt(40);
            List<PairBatch.Pair> pairs = new ArrayList<>();
            int size = 1 + random.nextInt(3);
            for (int p = 0; p < size; p++) {
                pairs.add(new PairBatch.Pair("item-" + (p * 100 + random.nextInt(100)), 0.5 + random.nextInt(8) / 2.0));
            }
            // Mostly later times, some earlier (another partition's interactions), some equal.
            long time = 1_000_000L + i * 1_000L - random.nextInt(3) * 400_000L;
            PairBatch batch = new PairBatch(List.copyOf(pairs.stream().distinct().toList()), time);

            sent.addAll(pending.add(List.of(KeyValue.pair(target, batch))));
            PairBatch merged = PendingPairs.merged(reference.get(target), batch, HALF_LIFE);
            if (merged.pairs().size() >= PendingPairs.MOST_PER_BATCH) {
                reference.remove(target);
                expectedSent.add(KeyValue.pair(target, merged));
            } else {
                reference.put(target, merged);
            }
            if (i % 1_000 == 999) {
                pending.writeChanged();
                assertThat(stored(store)).isEqualTo(reference);
            }
            if (i % 3_000 == 2_999) {
                sent.addAll(pending.drain());
                reference.forEach((key, value) -> expectedSent.add(KeyValue.pair(key, value)));
                reference.clear();
            }
        }
        assertThat(expectedSent).hasSizeGreaterThan(100);
        assertThat(sent).isEqualTo(expectedSent);
        pending.writeChanged();
        assertThat(stored(store)).isEqualTo(reference);
        // A processor starting over the store holds what was written and sends it alike.
        assertThat(new PendingPairs(store, HALF_LIFE).drain()).isEqualTo(pending.drain());
    }

    private static Map<String, PairBatch> stored(KeyValueStore<String, PairBatch> store) {
        Map<String, PairBatch> all = new TreeMap<>();
        try (var entries = store.all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }
}
