package io.streamsuite.kit.config;

/**
 * A topic a service reads or writes. Partitions and replication come from {@code streams-kit.topics}
 * unless given here, so environments differ by config, not by code.
 */
public record TopicSpec(String name, Role role, boolean compacted, Integer partitions) {

    public enum Role { INPUT, OUTPUT, DEAD_LETTER }

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
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
        return new TopicSpec(name, role, true, partitions);
    }

    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, role, compacted, count);
    }
}
