package io.streamsuite.kit.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Records restored of records to restore, per store partition, for the restoration panel. */
public class RestorationProgress implements StateRestoreListener {

    /** One store partition's restoration; {@code done} once it ended (or moved to another instance). */
    public record StorePartition(String store, String topic, int partition, long restored, long total, boolean done) {
    }

    private final Map<String, StorePartition> partitions = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        partitions.put(key(partition, store), new StorePartition(store, partition.topic(), partition.partition(), 0,
                Math.max(0, endOffset - startOffset), false));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        partitions.computeIfPresent(key(partition, store), (key, current) -> new StorePartition(store, current.topic(),
                current.partition(), current.restored() + numRestored, current.total(), false));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        partitions.computeIfPresent(key(partition, store), (key, current) -> new StorePartition(store, current.topic(),
                current.partition(), totalRestored, Math.max(current.total(), totalRestored), true));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        partitions.computeIfPresent(key(partition, store), (key, current) -> new StorePartition(store, current.topic(),
                current.partition(), totalRestored, current.total(), true));
    }

    public List<StorePartition> storePartitions() {
        return partitions.values().stream()
                .sorted(Comparator.comparing(StorePartition::store).thenComparing(StorePartition::partition))
                .toList();
    }

    private static String key(TopicPartition partition, String store) {
        return store + "@" + partition;
    }
}
