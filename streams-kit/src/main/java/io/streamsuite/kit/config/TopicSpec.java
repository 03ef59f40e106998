package io.streamsuite.kit.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic a service reads or writes, declared once: name, role, cleanup policy, and where it matters its
 * partitions, retention and compaction lag. Partitions and replication come from {@code streams-kit.topics}
 * unless given here, so environments differ by config, not by code. The kit creates missing topics with
 * {@link #configs()}; deployment-checks compares the Kubernetes KafkaTopics with the same declarations.
 */
public record TopicSpec(String name, Role role, boolean compacted, Integer partitions, Duration retention,
                        Duration compactionLag) {

    /** INTERNAL: a topic of the kit itself (the dead-letter replay log). */
    public enum Role {
        INPUT, OUTPUT, DEAD_LETTER, INTERNAL;

        /** What a stream thread does with a topic of this role, in the order a refusal is looked for. */
        public List<AclOperation> streamsNeeds() {
            return switch (this) {
                case INPUT -> List.of(AclOperation.DESCRIBE, AclOperation.READ);
                case OUTPUT, DEAD_LETTER -> List.of(AclOperation.DESCRIBE, AclOperation.WRITE);
                case INTERNAL -> List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE);
            };
        }
    }

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
    }

    public TopicSpec(String name, Role role, boolean compacted, Integer partitions) {
        this(name, role, compacted, partitions, null, null);
    }

    public static TopicSpec input(String name) {
        return new TopicSpec(name, Role.INPUT, false, null);
    }

    public static TopicSpec output(String name) {
        return new TopicSpec(name, Role.OUTPUT, false, null);
    }

    public static TopicSpec deadLetter(String name) {
        return new TopicSpec(name, Role.DEAD_LETTER, false, null);
    }

    /** A changelog-like topic (profiles, tables): only the latest value per key is kept. */
    public TopicSpec asCompacted() {
        return new TopicSpec(name, role, true, partitions, retention, compactionLag);
    }

    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, role, compacted, count, retention, compactionLag);
    }

    /** How long records are kept ({@code retention.ms}); for a compacted topic, how long tombstones are kept. */
    public TopicSpec withRetention(Duration keep) {
        return new TopicSpec(name, role, compacted, partitions, keep, compactionLag);
    }

    /** How long a record stays uncompacted ({@code min.compaction.lag.ms}). */
    public TopicSpec withCompactionLag(Duration lag) {
        return new TopicSpec(name, role, compacted, partitions, retention, lag);
    }

    public String cleanupPolicy() {
        return compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    /** The topic configs this declaration sets, as the broker names them. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy());
        if (retention != null) {
            configs.put(compacted ? TopicConfig.DELETE_RETENTION_MS_CONFIG : TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(retention.toMillis()));
        }
        if (compactionLag != null) {
            configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(compactionLag.toMillis()));
        }
        return configs;
    }
}
