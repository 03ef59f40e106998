package io.streamsuite.kit.query;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance knows of its own store copies: whether a partition's copy is active or a
 * standby, and its lag. Lags come from {@link KafkaStreams#allLocalStorePartitionLags()}, which asks
 * the broker for end offsets, so one reading serves all queries for {@code lag-refresh}.
 */
final class LocalCopies {

    private static final Logger log = LoggerFactory.getLogger(LocalCopies.class);

    private final Supplier<StoreTopics> topics;
    private final Duration refresh;
    private volatile Reading last;

    private record Reading(KafkaStreams streams, long takenNanos, Map<String, Map<Integer, LagInfo>> lags) {
    }

    LocalCopies(Supplier<StoreTopics> topics, Duration refresh) {
        this.topics = topics;
        this.refresh = refresh;
    }

    /** The partition's local copy lag in offsets; empty when this instance holds no copy or cannot tell. */
    OptionalLong lag(KafkaStreams streams, String store, int partition) {
        LagInfo lag = lagInfo(streams, store, partition, false);
        if (lag == null) {
            // A copy created since the last reading: read again rather than refuse it for a whole refresh.
            lag = lagInfo(streams, store, partition, true);
        }
        return lag == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, lag.offsetLag()));
    }

    /** True when a task of this instance holds the partition of the store actively. */
    boolean isActive(KafkaStreams streams, String store, int partition) {
        Set<Integer> subtopologies = topics.get().subtopologies(store);
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                if (task.taskId().partition() == partition
                        && (subtopologies.isEmpty() || subtopologies.contains(task.taskId().subtopology()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The partitions of the store this instance holds actively. */
    Set<Integer> activePartitions(KafkaStreams streams, String store) {
        Set<Integer> subtopologies = topics.get().subtopologies(store);
        Set<Integer> partitions = new java.util.TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                if (subtopologies.isEmpty() || subtopologies.contains(task.taskId().subtopology())) {
                    partitions.add(task.taskId().partition());
                }
            }
        }
        return partitions;
    }

    private LagInfo lagInfo(KafkaStreams streams, String store, int partition, boolean fresh) {
        Reading reading = last;
        long now = System.nanoTime();
        if (fresh || reading == null || reading.streams() != streams || now - reading.takenNanos() > refresh.toNanos()) {
            try {
                reading = new Reading(streams, now, streams.allLocalStorePartitionLags());
            } catch (RuntimeException e) {
                log.debug("Could not read local store lags: {}", e.toString());
                return null;
            }
            last = reading;
        }
        Map<Integer, LagInfo> partitions = reading.lags().get(store);
        return partitions == null ? null : partitions.get(partition);
    }
}
