package io.streamsuite.kit.health;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Readiness: Streams RUNNING and every store restored. Liveness: DOWN when Streams failed or stopped without
 * being asked to, or its stream thread keeps being replaced (streams-kit.failures.*), so Kubernetes restarts a
 * broken pod but not a busy one.
 */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnBean(KafkaStreamsRunner.class)
public class HealthAutoConfiguration {

    private static final String ACTIVE_RESTORING_TASKS = "active-restoring-tasks";

    @Bean
    public StreamsStateTracker streamsStateTracker() {
        return new StreamsStateTracker();
    }

    @Bean
    public HealthIndicator kafkaStreamsReadiness(StreamsStateTracker tracker, KafkaStreamsRunner runner) {
        return () -> {
            // Restore listeners hear of a store only once its restoration starts; the state updater holds the
            // task from its assignment on, so between the two only its gauge says the task is not ready.
            long tasksRestoring = runner.streams().map(HealthAutoConfiguration::activeTasksRestoring).orElse(0L);
            Health.Builder health = tracker.ready() && tasksRestoring == 0 ? Health.up() : Health.outOfService();
            return health.withDetail("state", tracker.state().name())
                    .withDetail("activeTasksRestoring", tasksRestoring)
                    .withDetail("restoringStores", tracker.restoringStores())
                    .withDetail("restoredRecords", tracker.restoredRecords())
                    .build();
        };
    }

    @Bean
    public HealthIndicator kafkaStreamsLiveness(KafkaStreamsRunner runner, StreamsStateTracker tracker) {
        return () -> {
            Optional<String> failure = runner.threadFailures().livenessFailure().or(() -> registryWaitTooLong(runner));
            Health.Builder health = runner.stoppedUnexpectedly() || failure.isPresent() ? Health.down() : Health.up();
            health.withDetail("state", tracker.state().name())
                    .withDetail("recentThreadReplacements", runner.threadFailures().recentReplacements())
                    .withDetail("partitionsWaitingForSchemaRegistry", runner.schemaHolds().held().size());
            failure.ifPresent(reason -> health.withDetail("reason", reason));
            return health.build();
        };
    }

    /** Active tasks the state updater threads hold (Kafka's {@code active-restoring-tasks}, KIP-869). */
    static long activeTasksRestoring(KafkaStreams streams) {
        long restoring = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (ACTIVE_RESTORING_TASKS.equals(metric.getKey().name()) && metric.getValue().metricValue() instanceof Number count) {
                restoring += count.longValue();
            }
        }
        return restoring;
    }

    private static Optional<String> registryWaitTooLong(KafkaStreamsRunner runner) {
        Duration limit = runner.properties().getFailures().getRegistryWaitLimit();
        return runner.schemaHolds().longestWait()
                .filter(wait -> wait.getValue().compareTo(limit) > 0)
                .map(wait -> "input partition " + wait.getKey() + " has waited " + wait.getValue().toSeconds()
                        + " s for the schema registry (streams-kit.failures.registry-wait-limit " + limit.toSeconds() + " s)");
    }
}
