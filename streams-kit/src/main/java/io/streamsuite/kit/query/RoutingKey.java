package io.streamsuite.kit.query;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The serialized key a store's entry was partitioned by, when that is not the store key: e.g. a
 * store keyed by a token but fed, without repartition, by a topic keyed by the original id. Its
 * partition is the one Kafka's default partitioner picks for these bytes.
 */
public final class RoutingKey {

    private final byte[] serialized;

    private RoutingKey(byte[] serialized) {
        this.serialized = serialized.clone();
    }

    /** @param serialized the record key's bytes as the producer's key serializer wrote them */
    public static RoutingKey of(byte[] serialized) {
        if (serialized == null || serialized.length == 0) {
            throw new IllegalArgumentException("a routing key needs the serialized key bytes");
        }
        return new RoutingKey(serialized);
    }

    /** The default partitioner's choice for a keyed record: murmur2 of the bytes, made positive, modulo the partitions. */
    public int partition(int numPartitions) {
        return Utils.toPositive(Utils.murmur2(serialized)) % numPartitions;
    }

    <K> StreamPartitioner<K, Object> partitioner() {
        return (topic, key, value, numPartitions) -> Optional.of(Set.of(partition(numPartitions)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutingKey that && Arrays.equals(serialized, that.serialized);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serialized);
    }
}
