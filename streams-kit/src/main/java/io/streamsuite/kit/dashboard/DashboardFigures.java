package io.streamsuite.kit.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.deadletter.DeadLetterMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/** Reads the kit panels' figures from Kafka Streams, its clients' metrics and the kit's meters. */
public class DashboardFigures {

    private final KafkaStreamsRunner runner;
    private final MeterRegistry meters;
    private final RecordFlow flow;
    private final RateSampler rates;
    private final RestorationProgress restoration;

    public DashboardFigures(KafkaStreamsRunner runner, MeterRegistry meters, RecordFlow flow, RateSampler rates,
                            RestorationProgress restoration) {
        this.runner = runner;
        this.meters = meters;
        this.flow = flow;
        this.rates = rates;
        this.restoration = restoration;
    }

    public DashboardSnapshot snapshot() {
        Optional<KafkaStreams> streams = runner.streams();
        Map<MetricName, ? extends Metric> metrics = streams.<Map<MetricName, ? extends Metric>>map(KafkaStreams::metrics)
                .orElse(Map.of());
        return new DashboardSnapshot(
                runner.properties().getApplicationId(),
                runner.applicationServer(),
                streams.map(s -> s.state().name()).orElse("NOT_STARTED"),
                System.currentTimeMillis(),
                new DashboardSnapshot.Totals(flow.recordsIn(), flow.recordsOut()),
                rates.series(),
                lag(metrics),
                deadLetters(),
                threads(streams),
                restoration(),
                threadReplacements(metrics));
    }

    /** The main consumers' {@code records-lag}: one per input partition this instance is assigned. */
    static List<DashboardSnapshot.PartitionLag> lag(Map<MetricName, ? extends Metric> metrics) {
        // The consumer also registers each partition under a legacy topic tag with '.' turned to '_': keep one.
        Map<String, DashboardSnapshot.PartitionLag> byPartition = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && isMainConsumer(client) && name.tags().containsKey("partition")
                    && metric.metricValue() instanceof Double value && !value.isNaN()) {
                String topic = name.tags().get("topic");
                int partition = Integer.parseInt(name.tags().get("partition"));
                byPartition.merge(topic.replace('.', '_') + "#" + partition,
                        new DashboardSnapshot.PartitionLag(topic, partition, value.longValue()),
                        (one, other) -> one.topic().contains(".") ? one : other);
            }
        });
        List<DashboardSnapshot.PartitionLag> lag = new ArrayList<>(byPartition.values());
        lag.sort(Comparator.comparing(DashboardSnapshot.PartitionLag::topic)
                .thenComparingInt(DashboardSnapshot.PartitionLag::partition));
        return lag;
    }

    private static boolean isMainConsumer(String clientId) {
        return clientId.contains("-StreamThread-") && clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer");
    }

    private List<DashboardSnapshot.DeadLetterCount> deadLetters() {
        Map<String, Long> byReason = new TreeMap<>();
        for (Counter counter : meters.find(DeadLetterMetrics.DEAD_LETTERS).counters()) {
            String reason = Optional.ofNullable(counter.getId().getTag("reason")).orElse("unknown");
            byReason.merge(reason, (long) counter.count(), Long::sum);
        }
        return byReason.entrySet().stream().map(e -> new DashboardSnapshot.DeadLetterCount(e.getKey(), e.getValue())).toList();
    }

    private static List<DashboardSnapshot.ThreadState> threads(Optional<KafkaStreams> streams) {
        if (streams.isEmpty()) {
            return List.of();
        }
        try {
            return streams.get().metadataForLocalThreads().stream()
                    .sorted(Comparator.comparing(ThreadMetadata::threadName))
                    .map(thread -> new DashboardSnapshot.ThreadState(thread.threadName(), thread.threadState(),
                            thread.activeTasks().size(), thread.standbyTasks().size()))
                    .toList();
        } catch (RuntimeException notRunning) {
            return List.of();
        }
    }

    private DashboardSnapshot.Restoration restoration() {
        List<RestorationProgress.StorePartition> stores = restoration.storePartitions();
        long restored = stores.stream().mapToLong(RestorationProgress.StorePartition::restored).sum();
        long total = stores.stream().mapToLong(RestorationProgress.StorePartition::total).sum();
        boolean restoring = stores.stream().anyMatch(store -> !store.done());
        return new DashboardSnapshot.Restoration(restored, total, restoring, stores);
    }

    /** Kafka Streams counts failed stream threads; the kit replaces every one of them. */
    static long threadReplacements(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals("failed-stream-threads") && e.getKey().group().equals("stream-metrics"))
                .map(e -> e.getValue().metricValue())
                .filter(Number.class::isInstance)
                .mapToLong(value -> ((Number) value).longValue())
                .sum();
    }
}
