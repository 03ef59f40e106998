package io.streamsuite.kit.health;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Follows Kafka Streams' state and its store restorations. With the state updater, Streams can be
 * RUNNING while stores still restore, so readiness needs both.
 */
public class StreamsStateTracker implements KafkaStreams.StateListener, StateRestoreListener {

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();
    private final AtomicLong restoredRecords = new AtomicLong();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        restoring.add(key(partition, store));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoredRecords.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(key(partition, store));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(key(partition, store));
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** Store partitions (as {@code store@topic-partition}) still restoring. */
    public Set<String> restoringStores() {
        return Set.copyOf(restoring);
    }

    public long restoredRecords() {
        return restoredRecords.get();
    }

    public boolean ready() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    private static String key(TopicPartition partition, String store) {
        return store + "@" + partition;
    }
}
