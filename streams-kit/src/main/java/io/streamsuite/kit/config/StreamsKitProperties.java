package io.streamsuite.kit.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Everything a service may set about its Kafka Streams runtime; defaults are production-sane. */
@Validated
@ConfigurationProperties("streams-kit")
public class StreamsKitProperties {

    /** Kafka Streams application.id; also names the consumer group, internal topics and the DLQ. */
    @NotBlank(message = "set streams-kit.application-id (the Kafka Streams application.id)")
    private String applicationId;

    /** Kafka bootstrap servers, e.g. from KAFKA_BOOTSTRAP_SERVERS. */
    @NotBlank(message = "set streams-kit.bootstrap-servers (env KAFKA_BOOTSTRAP_SERVERS)")
    private String bootstrapServers;

    /** host:port other instances use to reach this one's REST API; defaults to localhost and the server port. */
    private String applicationServer;

    private String stateDir;

    private String processingGuarantee = "exactly_once_v2";

    /** Replication factor of Kafka Streams' internal topics (changelogs, repartitions). */
    @Min(1)
    private int replicationFactor = 1;

    @Min(0)
    private int standbyReplicas = 0;

    @Min(1)
    private int numStreamThreads = 1;

    /** Static membership: set to a stable name (the pod name) so a restart does not trigger a rebalance. */
    private String groupInstanceId;

    /**
     * The zone (or rack) this instance runs in, e.g. the node's topology.kubernetes.io/zone. When set,
     * Kafka Streams places each task's standbys in other zones than its active (KIP-708).
     */
    private String zone;

    private Duration commitInterval = Duration.ofMillis(100);

    /** Defaults to {@code <application-id>.dlq}. */
    private String deadLetterTopic;

    /**
     * Appended to every output topic name ({@code fraud.alerts} → {@code fraud.alerts.v2}) for a reprocessing
     * deployment under a new application id; empty writes the outputs as declared. See {@link OutputVersion}.
     */
    @Pattern(regexp = "|" + OutputVersion.PATTERN, message = "set streams-kit.output-version to 1 to 32 letters,"
            + " digits or dashes starting with a letter or digit (e.g. v2), or leave it empty")
    private String outputVersion = "";

    @Valid
    private final SchemaRegistry schemaRegistry = new SchemaRegistry();

    @Valid
    private final Topics topics = new Topics();

    @Valid
    private final Failures failures = new Failures();

    /**
     * Avro field names masked wherever the kit shows records to people (dead-letter previews); when
     * set, raw dead-letter bytes are not shown over REST either.
     */
    private final List<String> sensitiveFields = new ArrayList<>();

    /** Any further Kafka client or Streams property, e.g. security.protocol or sasl.jaas.config. */
    private final Map<String, String> properties = new LinkedHashMap<>();

    public static class SchemaRegistry {
        @NotBlank(message = "set streams-kit.schema-registry.url (env SCHEMA_REGISTRY_URL)")
        private String url;
        private String basicAuthUserInfo;
        /** Sent as {@code Authorization: Bearer <token>} (Confluent's bearer.auth.token); not with basic auth. */
        private String bearerAuthToken;
        private final Ssl ssl = new Ssl();
        private boolean autoRegisterSchemas = true;
        private boolean useLatestVersion = false;
        private Duration requestTimeout = Duration.ofSeconds(5);
        @Min(0)
        private int maxRetries = 3;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getBasicAuthUserInfo() { return basicAuthUserInfo; }
        public void setBasicAuthUserInfo(String basicAuthUserInfo) { this.basicAuthUserInfo = basicAuthUserInfo; }
        public String getBearerAuthToken() { return bearerAuthToken; }
        public void setBearerAuthToken(String bearerAuthToken) { this.bearerAuthToken = bearerAuthToken; }
        public Ssl getSsl() { return ssl; }
        public boolean isAutoRegisterSchemas() { return autoRegisterSchemas; }
        public void setAutoRegisterSchemas(boolean autoRegisterSchemas) { this.autoRegisterSchemas = autoRegisterSchemas; }
        public boolean isUseLatestVersion() { return useLatestVersion; }
        public void setUseLatestVersion(boolean useLatestVersion) { this.useLatestVersion = useLatestVersion; }
        public Duration getRequestTimeout() { return requestTimeout; }
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
        public int getMaxRetries() { return maxRetries; }
        public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }

        /** The registry's HTTPS trust, as Spring Boot names it elsewhere ({@code server.ssl.trust-store}). */
        public static class Ssl {
            /** A file: PKCS12 or JKS key store, or PEM certificates; unset means the JDK's default trust. */
            private String trustStore;
            private String trustStorePassword;
            /** PKCS12 (default), JKS or PEM. */
            private String trustStoreType;

            public String getTrustStore() { return trustStore; }
            public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
            public String getTrustStorePassword() { return trustStorePassword; }
            public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
            public String getTrustStoreType() { return trustStoreType; }
            public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
        }
    }

    public static class Topics {
        /** Create missing topics at start-up; off where topics are managed elsewhere (Strimzi KafkaTopic). */
        private boolean create = true;
        @Min(1)
        private int partitions = 3;
        @Min(1)
        private short replicationFactor = 1;

        public boolean isCreate() { return create; }
        public void setCreate(boolean create) { this.create = create; }
        public int getPartitions() { return partitions; }
        public void setPartitions(int partitions) { this.partitions = partitions; }
        public short getReplicationFactor() { return replicationFactor; }
        public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
    }

    /** How often a failing stream thread is replaced before liveness goes DOWN, and when a fatal failure stops. */
    public static class Failures {
        /** More stream-thread replacements than this within {@link #replacementWindow} turn liveness DOWN. */
        @Min(0)
        private int maxThreadReplacements = 10;
        private Duration replacementWindow = Duration.ofMinutes(10);
        /** Authentication/authorization failures tolerated within the window (credentials being rotated) before stopping. */
        @Min(1)
        private int fatalAttempts = 3;
        /** An input partition waiting this long for the schema registry turns liveness DOWN (a restart may help). */
        private Duration registryWaitLimit = Duration.ofMinutes(10);

        public int getMaxThreadReplacements() { return maxThreadReplacements; }
        public void setMaxThreadReplacements(int maxThreadReplacements) { this.maxThreadReplacements = maxThreadReplacements; }
        public Duration getReplacementWindow() { return replacementWindow; }
        public void setReplacementWindow(Duration replacementWindow) { this.replacementWindow = replacementWindow; }
        public int getFatalAttempts() { return fatalAttempts; }
        public void setFatalAttempts(int fatalAttempts) { this.fatalAttempts = fatalAttempts; }
        public Duration getRegistryWaitLimit() { return registryWaitLimit; }
        public void setRegistryWaitLimit(Duration registryWaitLimit) { this.registryWaitLimit = registryWaitLimit; }
    }

    public String resolvedDeadLetterTopic() {
        return deadLetterTopic == null || deadLetterTopic.isBlank() ? applicationId + ".dlq" : deadLetterTopic;
    }

    public OutputVersion outputVersion() {
        return OutputVersion.of(outputVersion);
    }

    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String applicationId) { this.applicationId = applicationId; }
    public String getBootstrapServers() { return bootstrapServers; }
    public void setBootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; }
    public String getApplicationServer() { return applicationServer; }
    public void setApplicationServer(String applicationServer) { this.applicationServer = applicationServer; }
    public String getStateDir() { return stateDir; }
    public void setStateDir(String stateDir) { this.stateDir = stateDir; }
    public String getProcessingGuarantee() { return processingGuarantee; }
    public void setProcessingGuarantee(String processingGuarantee) { this.processingGuarantee = processingGuarantee; }
    public int getReplicationFactor() { return replicationFactor; }
    public void setReplicationFactor(int replicationFactor) { this.replicationFactor = replicationFactor; }
    public int getStandbyReplicas() { return standbyReplicas; }
    public void setStandbyReplicas(int standbyReplicas) { this.standbyReplicas = standbyReplicas; }
    public int getNumStreamThreads() { return numStreamThreads; }
    public void setNumStreamThreads(int numStreamThreads) { this.numStreamThreads = numStreamThreads; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public String getGroupInstanceId() { return groupInstanceId; }
    public void setGroupInstanceId(String groupInstanceId) { this.groupInstanceId = groupInstanceId; }
    public Duration getCommitInterval() { return commitInterval; }
    public void setCommitInterval(Duration commitInterval) { this.commitInterval = commitInterval; }
    public String getOutputVersion() { return outputVersion; }
    public void setOutputVersion(String outputVersion) { this.outputVersion = outputVersion; }
    public String getDeadLetterTopic() { return deadLetterTopic; }
    public void setDeadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; }
    public SchemaRegistry getSchemaRegistry() { return schemaRegistry; }
    public Topics getTopics() { return topics; }
    public Failures getFailures() { return failures; }
    public Map<String, String> getProperties() { return properties; }
    public List<String> getSensitiveFields() { return sensitiveFields; }
}
