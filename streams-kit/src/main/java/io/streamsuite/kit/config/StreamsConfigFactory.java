package io.streamsuite.kit.config;

import io.streamsuite.kit.serde.AvroSerdeConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns {@link StreamsKitProperties} into Kafka Streams and serde settings, defaults first, overrides last. */
public final class StreamsConfigFactory {

    /** The client tag standbys are spread by (see {@link StreamsKitProperties#getZone()}). */
    public static final String ZONE_TAG = "zone";

    private StreamsConfigFactory() {
    }

    public static Map<String, Object> streamsProperties(StreamsKitProperties kit, String applicationServer,
                                                        List<StreamsPropertiesCustomizer> customizers) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, kit.getApplicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kit.getBootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kit.getProcessingGuarantee());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, kit.getReplicationFactor());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, kit.getStandbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, kit.getNumStreamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, kit.getCommitInterval().toMillis());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(kit));
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, kit.resolvedDeadLetterTopic());
        // Source and sink nodes record end-to-end latency at INFO level.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO");
        // A broker outage should stall, not kill, the producer: Streams retries within this bound.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), 120_000);
        // A replaced stream thread rejoins as a new member; the old one holds its partitions until this expires.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        if (kit.getGroupInstanceId() != null && !kit.getGroupInstanceId().isBlank()) {
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), kit.getGroupInstanceId());
        }
        if (kit.getZone() != null && !kit.getZone().isBlank()) {
            // KIP-708: standbys go to instances whose zone tag differs from the active's.
            props.put(StreamsConfig.clientTagPrefix(ZONE_TAG), kit.getZone().trim());
            props.put(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, ZONE_TAG);
        }
        props.putAll(serdeProperties(kit));
        customizers.forEach(customizer -> customizer.customize(props));
        props.putAll(kit.getProperties());
        return props;
    }

    /** Registry settings under Confluent's names, so users can swap registries without touching code. */
    public static Map<String, Object> serdeProperties(StreamsKitProperties kit) {
        StreamsKitProperties.SchemaRegistry registry = kit.getSchemaRegistry();
        Map<String, Object> props = new HashMap<>();
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.getUrl());
        props.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, registry.isAutoRegisterSchemas());
        props.put(AvroSerdeConfig.USE_LATEST_VERSION, registry.isUseLatestVersion());
        props.put(AvroSerdeConfig.REQUEST_TIMEOUT_MS, registry.getRequestTimeout().toMillis());
        props.put(AvroSerdeConfig.MAX_RETRIES, registry.getMaxRetries());
        if (registry.getBasicAuthUserInfo() != null && !registry.getBasicAuthUserInfo().isBlank()) {
            props.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            props.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, registry.getBasicAuthUserInfo());
        }
        putIfSet(props, AvroSerdeConfig.BEARER_AUTH_TOKEN, registry.getBearerAuthToken());
        putIfSet(props, AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, registry.getSsl().getTrustStore());
        putIfSet(props, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, registry.getSsl().getTrustStorePassword());
        putIfSet(props, AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, registry.getSsl().getTrustStoreType());
        return props;
    }

    /** Plain client settings (security and the like) shared by the admin client and any extra producer. */
    public static Map<String, Object> clientProperties(StreamsKitProperties kit) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kit.getBootstrapServers());
        kit.getProperties().forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }

    private static void putIfSet(Map<String, Object> props, String name, String value) {
        if (value != null && !value.isBlank()) {
            props.put(name, value);
        }
    }

    private static String stateDir(StreamsKitProperties kit) {
        if (kit.getStateDir() != null && !kit.getStateDir().isBlank()) {
            return kit.getStateDir();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString();
    }
}
