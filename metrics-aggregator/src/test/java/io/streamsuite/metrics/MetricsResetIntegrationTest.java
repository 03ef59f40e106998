package io.streamsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.ResetRun;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.web.PageView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code metrics-aggregator reset} on the real broker and registry, as README's recipe runs it: refused
 * while an instance runs, then input rewound, internal topics (repartitions, changelogs) deleted and local
 * state wiped, so a rerun on the same input publishes the same final windows byte for byte, not summed twice.
 */
@WithKafkaStack
class MetricsResetIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PAGES = 4;
    private static final int MINUTES = 3;
    private static final String USER = "reset-user";

    @Test
    void resetIsRefusedWhileRunningThenARerunPublishesTheSameFinalWindows() throws Exception {
        KafkaStack.createTopics(3, MetricsTopics.PAGE_VIEWS);
        // Views of other test classes would move this group's stream time: it reads only its own.
        KafkaStack.truncate(MetricsTopics.PAGE_VIEWS);
        String applicationId = KafkaStack.uniqueName("metrics-reset");
        String pagePrefix = "/reset-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        Path stateDir = ScratchDirs.create("metrics-reset");
        Map<String, Object> settings = Map.of("streams-kit.application-id", applicationId, "streams-kit.state-dir", stateDir.toString());
        try {
            List<String> firstRun;
            Set<String> internalTopics;
            try (AppInstance first = MetricsInstance.start(settings)) {
                first.awaitReady(WAIT);
                sendViews(pagePrefix);
                firstRun = awaitWindows(pagePrefix, PAGES * MINUTES);
                internalTopics = ResetRun.topicsOf(applicationId);
                assertThat(internalTopics).isNotEmpty().anySatisfy(topic -> assertThat(topic).endsWith("-repartition"))
                        .anySatisfy(topic -> assertThat(topic).endsWith("-changelog"));

                ResetRun refused = ResetRun.of(MetricsAggregatorApplication.class, applicationId, stateDir);
                assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
                assertThat(refused.output()).contains("Refusing to reset '" + applicationId + "'", "member(s)", "Nothing was changed")
                        .doesNotContain("Starting Kafka Streams");
                assertThat(ResetRun.topicsOf(applicationId)).isEqualTo(internalTopics);
            }
            ResetRun.awaitGroupEmpty(applicationId, WAIT);

            // The earliest offset, not 0: the input was truncated before this test.
            long earliest = earliestOffset(new TopicPartition(MetricsTopics.PAGE_VIEWS, 0));
            ResetRun reset = ResetRun.of(MetricsAggregatorApplication.class, applicationId, stateDir);
            assertThat(reset.exitCode()).as(reset.output()).isZero();
            assertThat(reset.output()).contains("Reset of application '" + applicationId + "'", "input offsets set to the earliest",
                    MetricsTopics.PAGE_VIEWS + "-0 -> " + earliest, "internal topics deleted: ", "local state wiped: " + stateDir.resolve(applicationId),
                    "output topics left");
            assertThat(internalTopics).allSatisfy(topic -> assertThat(reset.output()).contains(topic));
            assertThat(ResetRun.topicsOf(applicationId)).isEmpty();
            assertThat(stateDir.resolve(applicationId)).doesNotExist();

            try (AppInstance rerun = MetricsInstance.start(settings)) {
                rerun.awaitReady(WAIT);
                List<String> both = awaitWindows(pagePrefix, 2 * PAGES * MINUTES);
                // Per partition: the first run's windows, then the very same records again (counts not doubled).
                assertThat(ResetRun.perPartition(both)).isEqualTo(ResetRun.firstRunTwice(firstRun));
            }
        } finally {
            KafkaStack.truncate(MetricsTopics.PAGE_VIEWS);
        }
    }

    /**
     * Three minutes of views on four pages, then one view that closes them (past the 30 s grace); all by one user,
     * so on one input partition. Spread over partitions, the rerun differed: reading a backlog, one input task runs
     * ahead of the others, its records reach the page partitions first and move their stream time past a window's
     * grace before the other tasks' views of it arrive (seen: rerun minutes of 8 and 9 views where the live run,
     * fed in time order, had 20). A windowed rerun is only as exact as the backlog's disorder is within the grace.
     */
    private static void sendViews(String pagePrefix) {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        List<PageView> views = new ArrayList<>();
        for (int second = 0; second < MINUTES * 60; second += 3) {
            for (int page = 0; page < PAGES; page++) {
                views.add(Views.view(pagePrefix + page).by(USER).at(base.plusSeconds(second))
                        .latency(20 + page * 10L + second % 13).status(second % 30 == 0 ? 503 : 200).build());
            }
        }
        views.add(Views.view(pagePrefix + "closer").by(USER).at(base.plus(Duration.ofMinutes(MINUTES + 2))).build());
        for (PageView view : views) {
            KafkaStack.produce(MetricsTopics.PAGE_VIEWS, view.getUserId(), view, Serdes.String().serializer(),
                    serdes.valueSerde(PageView.class).serializer());
        }
    }

    /** "partition:key:value" (value bytes as base64) of this test's pages on analytics.page-counts, in topic order. */
    private static List<String> awaitWindows(String pagePrefix, int expected) {
        List<String> windows = KafkaStack.awaitSelected(MetricsTopics.PAGE_COUNTS, records -> records
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).contains(pagePrefix))
                .map(MetricsResetIntegrationTest::line), expected, WAIT);
        assertThat(windows).hasSize(expected);
        return windows;
    }

    private static String line(ConsumerRecord<byte[], byte[]> record) {
        return record.partition() + ":" + new String(record.key(), StandardCharsets.UTF_8) + ":"
                + Base64.getEncoder().encodeToString(record.value());
    }

    private static long earliestOffset(TopicPartition partition) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaStack.clientConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.beginningOffsets(List.of(partition)).get(partition);
        }
    }
}
