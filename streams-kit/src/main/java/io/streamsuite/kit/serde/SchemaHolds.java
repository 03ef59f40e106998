package io.streamsuite.kit.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The input partitions of this instance waiting at a record whose writer schema the registry cannot give yet
 * ({@link SchemaResolvingConsumer}), and since when. Shown in health and metrics: empty but during a registry
 * outage. A wait longer than the kit's limit turns liveness DOWN, as a recurring thread failure would.
 */
public final class SchemaHolds {

    private final Map<TopicPartition, Long> waitingSince = new ConcurrentHashMap<>();
    private final AtomicLong holds = new AtomicLong();

    public Set<TopicPartition> held() {
        return Set.copyOf(waitingSince.keySet());
    }

    /** How many times a poll returned a partition without its unresolved records, ever. */
    public long holdsSoFar() {
        return holds.get();
    }

    /** The partition that has waited longest, and for how long. */
    public Optional<Map.Entry<TopicPartition, Duration>> longestWait() {
        long now = System.nanoTime();
        return waitingSince.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .map(oldest -> Map.entry(oldest.getKey(), Duration.ofNanos(now - oldest.getValue())));
    }

    void hold(TopicPartition partition) {
        waitingSince.putIfAbsent(partition, System.nanoTime());
        holds.incrementAndGet();
    }

    /** The partition's records flow again, or it is no longer this consumer's. */
    void release(TopicPartition partition) {
        waitingSince.remove(partition);
    }
}
