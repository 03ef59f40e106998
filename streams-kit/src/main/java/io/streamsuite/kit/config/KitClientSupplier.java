package io.streamsuite.kit.config;

import java.util.HashMap;
import java.util.Map;
import io.streamsuite.kit.serde.InMemorySchemaRegistryClient;
import io.streamsuite.kit.serde.SchemaHolds;
import io.streamsuite.kit.serde.SchemaRegistryClient;
import io.streamsuite.kit.serde.SchemaResolvingConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients as Kafka makes them, but the producer checks records against the topics' limits first,
 * and the main consumer holds back records whose writer schema the registry cannot give yet.
 */
final class KitClientSupplier implements KafkaClientSupplier {

    private static final int DEFAULT_BATCH_SIZE = 16_384;
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final int BATCH_OVERHEAD = 512;

    private final TopicLimits limits;
    private final String deadLetterTopic;
    private final SchemaRegistryClient registry;
    private final SchemaHolds holds;

    KitClientSupplier(TopicLimits limits, String deadLetterTopic, SchemaRegistryClient registry, SchemaHolds holds) {
        this.limits = limits;
        this.deadLetterTopic = deadLetterTopic;
        this.registry = registry;
        this.holds = holds;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Map<String, Object> settings = new HashMap<>(config);
        // A batch of small records must fit the smallest topic too, or the broker refuses the whole batch.
        int smallest = limits.smallestLimit();
        int batchSize = Integer.parseInt(String.valueOf(settings.getOrDefault(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE)));
        if (smallest - BATCH_OVERHEAD < batchSize) {
            settings.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.max(BATCH_OVERHEAD, smallest - BATCH_OVERHEAD));
        }
        int maxRequestSize = Integer.parseInt(String.valueOf(settings.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                DEFAULT_MAX_REQUEST_SIZE)));
        return new LimitCheckingProducer(new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer()),
                limits.withMaxRequestSize(maxRequestSize), deadLetterTopic);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        if (registry == null || registry instanceof InMemorySchemaRegistryClient) {
            return consumer;
        }
        return new SchemaResolvingConsumer(consumer, registry, holds,
                String.valueOf(config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "consumer")));
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
