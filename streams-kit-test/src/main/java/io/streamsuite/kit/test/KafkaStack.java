package io.streamsuite.kit.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Assumptions;

/**
 * What a {@link WithKafkaStack} test uses: where the broker and the registry are, topics, and producing and
 * reading records (raw bytes or through serdes, with headers).
 */
public final class KafkaStack {

    /** The longest a read waits when not told otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static StackEnvironment current;

    private KafkaStack() {
    }

    /** Starts (or returns) this JVM's stack; the extension calls it, and it stops with the JVM at the latest. */
    static synchronized StackEnvironment start() {
        if (current == null) {
            StackEnvironment env = StackEnvironment.fromEnvironmentOrStart();
            Runtime.getRuntime().addShutdownHook(new Thread(env::close, "kafka-stack-shutdown"));
            if (System.getProperty("spring.kafka.bootstrap-servers") == null) {
                System.setProperty("spring.kafka.bootstrap-servers", env.bootstrapServers());
            }
            current = env;
        }
        return current;
    }

    private static synchronized StackEnvironment env() {
        if (current == null) {
            throw new IllegalStateException("No Kafka stack: annotate the test class with @WithKafkaStack");
        }
        return current;
    }

    public static String bootstrapServers() {
        return env().bootstrapServers();
    }

    /** The registry's Confluent-compatible API base URL (…/apis/ccompat/v7 for the local Apicurio). */
    public static String schemaRegistryUrl() {
        return env().schemaRegistryUrl();
    }

    /** True when the tests run against KAFKA_BOOTSTRAP_SERVERS / SCHEMA_REGISTRY_URL instead of a local stack. */
    public static boolean isExternal() {
        return env().external();
    }

    /** Client settings for the stack's broker, to pass to producers, consumers, admins and Kafka Streams. */
    public static Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A topic (or group, or application id) name no other test of this JVM or of an earlier run uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createTopics(String... topics) {
        createTopics(1, topics);
    }

    /** Creates the topics (replication factor 1) and waits for them; existing ones are left as they are. */
    public static void createTopics(int partitions, String... topics) {
        List<NewTopic> newTopics = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
        try (Admin admin = Admin.create(clientConfig())) {
            for (var entry : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Topics not created within 30 s: " + Arrays.toString(topics), e);
        }
    }

    /**
     * Waits until the broker's metadata names a leader for every partition of the topics: a topic's creation
     * returns before that. (The leader's log may still refuse a produce for a moment after: a test that bulk-sends
     * with an idempotent producer right away also keeps one request in flight, see ReadinessDuringRestoreTest.)
     */
    public static void awaitLeaders(Admin admin, String... topics) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).values()
                        .stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && partition.leader().id() >= 0);
                if (led) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // Not known to every part of the broker yet: ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No leader for every partition within 30 s: " + Arrays.toString(topics));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Deletes every record of the topics up to their current end: the test classes of one JVM share the
     * broker, so a class reading a topic from the start under its own application id sees only its own.
     */
    public static void truncate(String... topics) {
        try (Admin admin = Admin.create(clientConfig())) {
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> upToEnd = new LinkedHashMap<>();
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> upToEnd.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(upToEnd).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not truncate " + Arrays.toString(topics), e);
        }
    }

    /** Sends raw key and value bytes (either may be null) and waits for the broker's acknowledgement. */
    public static RecordMetadata produce(String topic, byte[] key, byte[] value, Header... headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key, value, new RecordHeaders(headers));
        try {
            return env().producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    /**
     * Serializes key and value with the given serializers (as a producer would, with the headers) and sends them.
     * A null serializer sends a null key or value as is.
     */
    public static <K, V> RecordMetadata produce(String topic, K key, V value, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, Header... headers) {
        Headers recordHeaders = new RecordHeaders(headers);
        byte[] keyBytes = keySerializer == null ? null : keySerializer.serialize(topic, recordHeaders, key);
        byte[] valueBytes = valueSerializer == null ? null : valueSerializer.serialize(topic, recordHeaders, value);
        return produce(topic, keyBytes, valueBytes, recordHeaders.toArray());
    }

    /**
     * Every record of the topic that is committed at the time of the call. Right after a transaction commits its
     * markers may still be on their way: to wait for records, use {@link #readAll(String, int, Duration)}.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return read(topic, -1, DEFAULT_READ_TIMEOUT);
    }

    /**
     * Reads the topic from the beginning, committed records only (read_committed), until {@code expected}
     * records have arrived or the timeout has passed; returns what it read, which the test asserts on.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        return read(topic, expected, timeout);
    }

    /** As {@link #readAll(String, int, Duration)}, with key and value decoded by the given deserializers. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, int expected, Duration timeout,
                                                            Deserializer<K> keyDeserializer,
                                                            Deserializer<V> valueDeserializer) {
        return read(topic, expected, timeout).stream().map(r -> new ConsumerRecord<>(r.topic(), r.partition(),
                r.offset(), r.timestamp(), r.timestampType(), r.serializedKeySize(), r.serializedValueSize(),
                keyDeserializer.deserialize(r.topic(), r.headers(), r.key()),
                valueDeserializer.deserialize(r.topic(), r.headers(), r.value()),
                r.headers(), r.leaderEpoch())).toList();
    }

    /**
     * Reads the topic (committed records, from the beginning) every half second until {@code select} makes
     * {@code expected} or more of them, or the timeout has passed; returns the last selection, which the test
     * asserts on. {@code select} filters and decodes, in whatever order the test needs.
     */
    public static <T> List<T> awaitSelected(String topic, Function<Stream<ConsumerRecord<byte[], byte[]>>, Stream<T>> select,
                                            int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> selected = List.of();
        while (System.nanoTime() < deadline) {
            selected = select.apply(readAll(topic).stream()).toList();
            if (selected.size() >= expected) {
                return selected;
            }
            AppInstance.sleep(500);
        }
        return selected;
    }

    /** The record's headers as UTF-8 text, last value per key. */
    public static Map<String, String> headersAsText(ConsumerRecord<?, ?> record) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            text.put(header.key(), header.value() == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return text;
    }

    /**
     * Cuts the registry off until the returned outage is closed (connections refused, open ones dropped), for
     * tests of a registry that stops mid-stream. Against an external stack the calling test is skipped: it
     * cannot stop someone else's registry.
     */
    public static RegistryOutage registryOutage() {
        StackEnvironment env = env();
        Assumptions.assumeFalse(env.external(),
                "Registry outage needs the local stack; skipped against an external SCHEMA_REGISTRY_URL");
        return new RegistryOutage(env.registryProxy());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, Duration timeout) {
        Map<String, Object> config = new LinkedHashMap<>(clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-stack-reader-" + topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = expected < 0 ? consumer.endOffsets(partitions, remaining(deadline)) : Map.of();
            while (System.nanoTime() < deadline) {
                if (expected >= 0 && records.size() >= expected) {
                    break;
                }
                if (expected < 0 && reached(consumer, end)) {
                    break;
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> infos = Optional.ofNullable(consumer.partitionsFor(topic, remaining(deadline))).orElse(List.of());
            if (!infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("Topic " + topic + " does not exist");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
