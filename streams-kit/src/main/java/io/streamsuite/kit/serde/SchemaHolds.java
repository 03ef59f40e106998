package io.streamsuite.kit.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The input partitions of this instance held back at a record whose writer schema the registry cannot give yet
 * ({@link SchemaResolvingConsumer}). Shown in health and metrics: non-empty only during a registry outage.
 */
public final class SchemaHolds {

    private final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong holds = new AtomicLong();

    public Set<TopicPartition> held() {
        return Set.copyOf(held);
    }

    /** How many times a partition was held (a poll returned it without its unresolved records), ever. */
    public long holdsSoFar() {
        return holds.get();
    }

    void hold(TopicPartition partition) {
        held.add(partition);
        holds.incrementAndGet();
    }

    void release(TopicPartition partition) {
        held.remove(partition);
    }
}
