package io.streamsuite.kit.config;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.failure.RefusedPermissions;
import io.streamsuite.kit.failure.StreamThreadFailures;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.SchemaHolds;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the one {@link KafkaStreams} of a service. It starts after the web server, so that
 * {@code application.server} can name the real port, and stops before it.
 */
public class KafkaStreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PERMISSION_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final StreamsKitProperties kit;
    private final StreamsService service;
    private final AvroSerdes serdes;
    private final List<StreamsPropertiesCustomizer> customizers;
    private final List<KafkaStreams.StateListener> stateListeners;
    private final List<StateRestoreListener> restoreListeners;
    private final IntSupplier serverPort;
    private final StreamThreadFailures threadFailures;
    private final SchemaHolds schemaHolds = new SchemaHolds();

    private volatile KafkaStreams streams;
    private volatile String applicationServer;
    private volatile boolean stopRequested;

    public KafkaStreamsRunner(StreamsKitProperties kit, StreamsService service, AvroSerdes serdes,
                              List<StreamsPropertiesCustomizer> customizers,
                              List<KafkaStreams.StateListener> stateListeners,
                              List<StateRestoreListener> restoreListeners,
                              IntSupplier serverPort) {
        this.kit = kit;
        this.service = service;
        this.serdes = serdes;
        this.customizers = customizers;
        this.stateListeners = stateListeners;
        this.restoreListeners = restoreListeners;
        this.serverPort = serverPort;
        StreamsKitProperties.Failures failures = kit.getFailures();
        this.threadFailures = new StreamThreadFailures(failures.getMaxThreadReplacements(),
                failures.getReplacementWindow(), failures.getFatalAttempts(), Clock.systemUTC(),
                refusedPermissions()::explain);
    }

    @Override
    public synchronized void start() {
        stopRequested = false;
        applicationServer = resolveApplicationServer();
        Map<String, Object> props = StreamsConfigFactory.streamsProperties(kit, applicationServer, customizers);
        List<TopicSpec> topics = KitTopics.all(service.topics(), kit);
        Topology topology = service.topology(serdes);
        refuseUnversionedOutputs(topology);
        if (kit.getTopics().isCreate()) {
            TopicInitializer.createMissing(StreamsConfigFactory.clientProperties(kit), topics, kit.getTopics());
        }
        TopicLimits limits = TopicLimits.describe(StreamsConfigFactory.clientProperties(kit),
                topics.stream().map(TopicSpec::name).toList());
        log.info("Starting Kafka Streams '{}' as {}; topics {}, implied {}:\n{}", kit.getApplicationId(), applicationServer,
                topics.stream().map(TopicSpec::name).toList(), KitTopics.implied(topology, kit.getApplicationId()),
                topology.describe());
        Properties properties = new Properties();
        properties.putAll(props);
        KafkaStreams created = new KafkaStreams(topology, properties,
                new KitClientSupplier(limits, kit.resolvedDeadLetterTopic(), serdes.registry(), schemaHolds));
        created.setStateListener((newState, oldState) -> {
            log.info("Kafka Streams state {} -> {}", oldState, newState);
            stateListeners.forEach(listener -> listener.onChange(newState, oldState));
        });
        created.setGlobalStateRestoreListener(new CompositeRestoreListener(restoreListeners));
        created.setUncaughtExceptionHandler(exception -> {
            // Transient failures (registry or broker down) end up here; with exactly-once the task's
            // uncommitted work is aborted and redone by the replacement thread, so nothing is lost.
            if (threadFailures.onFailure(exception) == StreamThreadFailures.Decision.STOP) {
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            Duration backoff = threadFailures.backoff();
            log.warn("Stream thread failed, replacing it in {} ms: {}", backoff.toMillis(), exception.toString());
            sleepQuietly(backoff);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams = created;
        created.start();
    }

    /** Before the service's topics are created: a reprocessing deployment must not write (or read back) the live outputs. */
    private void refuseUnversionedOutputs(Topology topology) {
        OutputVersion version = kit.outputVersion();
        List<String> problems = version.unversionedOutputs(topology, service.topics());
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(OutputVersion.SETTING, OutputVersion.SETTING + " is " + version
                    + " but " + String.join("; ", problems) + ": name every output through OutputVersion.topic()");
        }
    }

    @Override
    public synchronized void stop() {
        stopRequested = true;
        KafkaStreams current = streams;
        if (current != null) {
            current.close(CLOSE_TIMEOUT);
        }
    }

    @Override
    public boolean isRunning() {
        KafkaStreams current = streams;
        return current != null && !stopRequested && current.state() != KafkaStreams.State.NOT_RUNNING;
    }

    /** After the embedded web server (phase Integer.MAX_VALUE - 1) has its port. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** host:port of this instance's REST API, as other instances see it in the metadata. */
    public String applicationServer() {
        return applicationServer != null ? applicationServer : resolveApplicationServer();
    }

    /** True when Streams stopped or failed without anyone asking it to: liveness should fail. */
    public boolean stoppedUnexpectedly() {
        KafkaStreams current = streams;
        if (current == null || stopRequested) {
            return false;
        }
        KafkaStreams.State state = current.state();
        return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR;
    }

    /** Recent stream-thread failures: liveness fails when they recur too often or a fatal one stopped Streams. */
    public StreamThreadFailures threadFailures() {
        return threadFailures;
    }

    /** Input partitions held at a record whose writer schema the registry cannot give yet (an outage). */
    public SchemaHolds schemaHolds() {
        return schemaHolds;
    }

    public StreamsKitProperties properties() {
        return kit;
    }

    /** Names a refused permission by asking the broker with the service's own credentials. */
    private RefusedPermissions refusedPermissions() {
        String applicationId = kit.getApplicationId();
        return new RefusedPermissions(applicationId, topic -> {
            Map<String, TopicSpec.Role> roles = new HashMap<>();
            KitTopics.all(service.topics(), kit).forEach(spec -> roles.put(spec.name(), spec.role()));
            // Changelogs and repartitions Streams names itself, and any topic the service did not declare.
            TopicSpec.Role role = roles.getOrDefault(topic, TopicSpec.Role.INTERNAL);
            return role.streamsNeeds();
        }, RefusedPermissions.askingTheBroker(StreamsConfigFactory.clientProperties(kit), PERMISSION_PROBE_TIMEOUT));
    }

    private String resolveApplicationServer() {
        if (kit.getApplicationServer() != null && !kit.getApplicationServer().isBlank()) {
            return kit.getApplicationServer();
        }
        return "localhost:" + serverPort.getAsInt();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record CompositeRestoreListener(List<StateRestoreListener> delegates) implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            delegates.forEach(listener -> listener.onRestoreStart(partition, store, startOffset, endOffset));
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
            delegates.forEach(listener -> listener.onBatchRestored(partition, store, batchEndOffset, numRestored));
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            delegates.forEach(listener -> listener.onRestoreEnd(partition, store, totalRestored));
        }

        @Override
        public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
            delegates.forEach(listener -> listener.onRestoreSuspended(partition, store, totalRestored));
        }
    }
}
