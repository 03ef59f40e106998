package io.streamsuite.kit.security;

import io.streamsuite.kit.config.StreamsConfigFactory;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.config.TopicInitializer;
import io.streamsuite.kit.config.KitTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each {@link AuditRecord} as one JSON line to the {@value #LOGGER} logger and to the
 * {@code <application-id>.audit} topic (keyed by who), so the trail survives the pod and can be shipped
 * apart from application logs. A broker outage never blocks or fails the audited request: the log line
 * is written first, the topic send is bounded and its failure logged.
 */
public class AuditLog implements SmartLifecycle {

    public static final String LOGGER = "audit";

    private static final Logger audit = LoggerFactory.getLogger(LOGGER);
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final StreamsKitProperties kit;
    private final String topic;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private volatile KafkaProducer<String, String> producer;

    public AuditLog(StreamsKitProperties kit) {
        this.kit = kit;
        this.topic = KitTopics.auditTrail(kit.getApplicationId()).name();
    }

    public String topic() {
        return topic;
    }

    public void record(AuditRecord record) {
        String json = mapper.writeValueAsString(record);
        audit.info(json);
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            log.warn("Audit record not sent to {} (not started): {}", topic, json);
            return;
        }
        try {
            current.send(new ProducerRecord<>(topic, record.who(), json), (metadata, failure) -> {
                if (failure != null) {
                    log.warn("Audit record not written to {}: {}", topic, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Audit record not written to {}: {}", topic, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (producer != null) {
            return;
        }
        Map<String, Object> client = StreamsConfigFactory.clientProperties(kit);
        if (kit.getTopics().isCreate()) {
            // Before the first request can be audited; the Streams runner starts later.
            TopicInitializer.createMissing(client, List.of(KitTopics.auditTrail(kit.getApplicationId())), kit.getTopics());
        }
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, kit.getApplicationId() + "-audit");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A REST thread must not wait on a broker outage for the default 60 s.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Override
    public synchronized void stop() {
        KafkaProducer<String, String> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return producer != null;
    }

    /** Before the Streams runner starts and after it stops, so its start-up and shutdown acts are audited too. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
