package io.streamsuite.kit.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.KitTopics;
import io.streamsuite.kit.config.StreamsConfigFactory;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.config.StreamsPropertiesCustomizer;
import io.streamsuite.kit.config.TopicInitializer;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.json.Redactor;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dead letters for every {@link StreamsService}, with nothing for the service to do: the three
 * handlers, their counters, the replay log topic and the REST API.
 */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnBean(StreamsService.class)
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DeadLetterMetrics deadLetterMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DeadLetterMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    public StreamsPropertiesCustomizer deadLetterHandlers(DeadLetterMetrics metrics) {
        return properties -> {
            properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
            properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
            properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
            // Kafka instantiates the handlers itself and hands them the original config map, objects included.
            properties.put(DeadLetterRouter.METRICS_CONFIG, metrics);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    public DeadLetters deadLetters(StreamsKitProperties kit, ObjectProvider<AvroSerdes> serdes) {
        TopicSpec replayLog = KitTopics.replayLog(kit.getApplicationId());
        String replayTopic = replayLog.name();
        Map<String, Object> client = StreamsConfigFactory.clientProperties(kit);
        if (kit.getTopics().isCreate()) {
            TopicInitializer.createMissing(client, List.of(replayLog), kit.getTopics());
        }
        Map<String, Object> consumer = new HashMap<>(client);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        consumer.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Object> producer = new HashMap<>(client);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, kit.getApplicationId() + "-dlq-replayer");
        return new DeadLetters(
                new DeadLetterTopicReader(kit.resolvedDeadLetterTopic(), () -> new KafkaConsumer<>(consumer)),
                new ReplayLog(replayTopic, () -> new KafkaConsumer<>(consumer)),
                () -> new KafkaProducer<>(producer),
                AvroPayloadPreview.from(serdes.getIfAvailable()),
                Redactor.of(kit.getSensitiveFields()),
                Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        @Bean
        public DeadLetterController deadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }

        @Bean
        public DeadLetterProblems deadLetterProblems() {
            return new DeadLetterProblems();
        }
    }
}
