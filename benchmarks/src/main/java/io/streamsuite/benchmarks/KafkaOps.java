package io.streamsuite.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The few broker operations the harness needs: topics, offsets, group progress, reading back. */
public final class KafkaOps implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    public KafkaOps(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 60_000));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public void createTopics(int partitions, Map<String, String> config, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(config));
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create " + name, e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not create " + name, e);
            }
        });
    }

    public List<TopicPartition> partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    public List<String> topics() {
        try {
            return List.copyOf(admin.listTopics().names().get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not list topics", e);
        }
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions(topic).forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(60, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read end offsets of " + topic, e);
        }
    }

    /** Sum of the end offsets (for a non-transactional topic: its record count). */
    public long endOffset(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions(topic).forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            return admin.listOffsets(request).all().get(60, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read end offsets of " + topic, e);
        }
    }

    /** Sum of a consumer group's committed offsets on one topic (0 before its first commit). */
    public long committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * How far the group is behind on every partition it has committed on (input and repartition topics alike):
     * 0 when every sub-topology of a Streams app has caught up.
     */
    public long lag(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            offsets.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata committed = offsets.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (committed == null ? 0 : committed.offset()));
            }
            return lag;
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Waits until a group has no members: a Streams app closed without leaving its group stays a member until its
     * session times out, and a fresh instance's start would wait for that instead of restoring.
     */
    public void awaitGroupEmpty(String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members().isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                // The coordinator may be moving; ask again.
            }
            Processes.sleep(250);
        }
        throw new IllegalStateException("Group " + group + " still has members after " + timeout.toSeconds() + " s");
    }

    /** Deletes topics and waits until the broker no longer lists them, so they can be created afresh. */
    public void deleteTopics(List<String> names, Duration timeout) {
        try {
            admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not delete " + names, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (topics().stream().anyMatch(names::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(names + " still listed " + timeout.toSeconds() + " s after deletion");
            }
            Processes.sleep(250);
        }
    }

    /** Bytes the broker holds on disk for a topic (every partition's log, all segments, before any compaction). */
    public long bytesOnDisk(String topic) {
        try {
            var dirs = admin.describeLogDirs(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(n -> n.id()).toList()).allDescriptions().get(30, TimeUnit.SECONDS);
            return dirs.values().stream().flatMap(byDir -> byDir.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().size()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the log dirs of " + topic, e);
        }
    }

    public void setConfig(String topic, String name, String value) {
        var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        var op = new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(name, value),
                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not set " + name + "=" + value + " on " + topic, e);
        }
    }

    /** Every committed record of a topic, from the beginning to its current end (read_committed). */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Collection<TopicPartition> partitions = end.keySet();
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
