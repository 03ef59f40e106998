package io.streamsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.PageViewWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Crash drill: the service is killed with SIGKILL twice while page views stream in, and restarted on
 * its own state dir each time, beside an uninterrupted run (own application id) on the same input.
 * Every closed window (views, errors, visitors, p99) of the crashed run equals the uninterrupted
 * run's, and each is published once per run: exactly-once for the aggregates, not only for passthrough records.
 */
@WithKafkaStack
class CrashDrillIntegrationTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String CRASHED = "metrics-crash-drill";
    private static final String REFERENCE = "metrics-crash-reference";

    @Test
    void windowsAfterTwoKillsEqualThoseOfAnUninterruptedRunOnTheSameInput() throws Exception {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        KafkaStack.createTopics(3, MetricsTopics.PAGE_VIEWS);
        Path work = ScratchDirs.create("metrics-crash");
        Path state = work.resolve("crashed-state");
        // Ahead of any other test's page views on the shared input topic, which both runs read first.
        // Within the broker's message.timestamp.after.max.ms (1 h by default) with the closing view at base + 20 min.
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(30));
        Random random = new Random(11);

        Map<TopicPartition, Long> before = endOffsets(MetricsTopics.PAGE_COUNTS);
        // Both read the input live, side by side. (A reference started afterwards would drain a backlog, its
        // partitions at different speeds, and a partition ahead in event time closes windows the others still feed.)
        ServiceChild reference = ServiceChild.start(REFERENCE, work.resolve("reference-state"), work.resolve("reference.log"));
        ServiceChild victim = ServiceChild.start(CRASHED, state, work.resolve("crashed.log"));
        reference.awaitReady(WAIT);
        victim.awaitReady(WAIT);
        awaitConsumed(CRASHED);
        awaitConsumed(REFERENCE);
        int sent = 0;
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 600; i++, sent++) {
                send(serdes, Views.view("/products/" + random.nextInt(30)).by("u-" + random.nextInt(400))
                        .status(random.nextInt(20) == 0 ? 503 : 200).latency(20 + random.nextInt(900))
                        .at(base.plusMillis(sent * 100L)).build());
                if (i % 50 == 0) {
                    AppInstance.sleep(20);
                }
            }
            if (batch < 2) {
                AppInstance.sleep(500 + random.nextInt(1500));
                victim.kill();
                victim = ServiceChild.start(CRASHED, state, work.resolve("crashed.log"));
                victim.awaitReady(WAIT);
            }
        }
        awaitConsumed(CRASHED);
        awaitConsumed(REFERENCE);
        send(serdes, Views.view("/closing").by("closer").at(base.plus(Duration.ofMinutes(20))).build());

        // Each run publishes each page window once, so every window is on the topic exactly twice.
        Map<String, List<String>> published = awaitWindows(serdes, before, base, 2 * 30 * 3);
        victim.stop();
        reference.stop();
        assertThat(published).hasSizeGreaterThanOrEqualTo(30 * 3 - 5);
        published.forEach((window, values) -> {
            assertThat(values).as(window + ": once per run").hasSize(2);
            assertThat(values.get(0)).as(window + ": the crashed run's equals the uninterrupted run's").isEqualTo(values.get(1));
        });
        long views = published.values().stream().mapToLong(v -> Long.parseLong(v.get(0).split(" ")[0])).sum();
        assertThat(views).as("every view counted once").isEqualTo(sent);
    }

    private static void send(AvroSerdes serdes, PageView view) {
        KafkaStack.produce(MetricsTopics.PAGE_VIEWS, view.getUserId(), view, Serdes.String().serializer(),
                serdes.valueSerde(PageView.class).serializer());
    }

    /** This drill's closed windows written after {@code from}, once at least {@code expected} arrived and 5 s passed without more. */
    private static Map<String, List<String>> awaitWindows(AvroSerdes serdes, Map<TopicPartition, Long> from, Instant base,
                                                          int expected) {
        var deserializer = serdes.valueSerde(PageViewWindow.class).deserializer();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, List<String>> windows = new HashMap<>();
        int records = -1;
        int quietPolls = 0;
        while (System.nanoTime() < deadline && quietPolls < 10) {
            windows.clear();
            int seen = 0;
            for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(MetricsTopics.PAGE_COUNTS)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < from.getOrDefault(tp, 0L)) {
                    continue;
                }
                PageViewWindow w = deserializer.deserialize(record.topic(), record.headers(), record.value());
                if (w.getPage().equals("/closing") || w.getWindowStart().isBefore(base)) {
                    continue;
                }
                seen++;
                windows.computeIfAbsent(w.getPage() + "@" + w.getWindowStart(), k -> new java.util.ArrayList<>())
                        .add(w.getViews() + " views " + w.getErrorCount() + " errors " + w.getUniqueUsers()
                                + " visitors p99 " + w.getP99LatencyMs());
            }
            quietPolls = seen == records && seen >= expected ? quietPolls + 1 : 0;
            records = seen;
            AppInstance.sleep(500);
        }
        return new HashMap<>(windows);
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), spec));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (java.util.concurrent.ExecutionException e) {
            // Not created yet: nothing before.
            return Map.of();
        }
    }

    private static void awaitConsumed(String group) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(MetricsTopics.PAGE_VIEWS);
        Map<TopicPartition, Long> starts = offsets(MetricsTopics.PAGE_VIEWS, OffsetSpec.earliest());
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                // An empty partition (never written, or truncated by an earlier test) never gets a committed offset.
                if (ends.entrySet().stream().allMatch(e -> e.getValue().equals(starts.get(e.getKey()))
                        || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                AppInstance.sleep(500);
            }
        }
        throw new AssertionError(group + " did not consume the input within " + WAIT);
    }
}
