package io.streamsuite.kit.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.dashboard.FlowTestApplication;
import io.streamsuite.kit.dashboard.FlowTestService;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The reprocessing recipe of the README without downtime: a second deployment under a new
 * application id starts from the earliest offsets and writes versioned outputs while the first
 * keeps running; once it has caught up, readers switch to its topics and the first is stopped.
 */
@WithKafkaStack
class ReprocessingTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void secondDeploymentUnderANewApplicationIdWritesTheSameOutputsIntoItsVersionedTopicWhileTheFirstRuns() {
        String prefix = KafkaStack.uniqueName("reprocess");
        FlowTestService v1 = new FlowTestService(prefix);
        FlowTestService v2 = new FlowTestService(prefix, "v2");
        try (AppInstance first = start(KafkaStack.uniqueName("flow-v1"), prefix, "")) {
            produceWords(v1.input(), 0, 12);
            Map<Integer, List<String>> firstRun = perPartition(KafkaStack.readAll(v1.output(), 12, WAIT));
            assertThat(lines(firstRun)).isEqualTo(12);

            try (AppInstance second = start(KafkaStack.uniqueName("flow-v2"), prefix, "v2")) {
                // Both deployments live: new input reaches both, old input only the new one (from the earliest).
                produceWords(v1.input(), 12, 4);
                Map<Integer, List<String>> v1Outputs = perPartition(KafkaStack.readAll(v1.output(), 16, WAIT));
                Map<Integer, List<String>> v2Outputs = perPartition(KafkaStack.readAll(v2.output(), 16, WAIT));

                assertThat(lines(v2Outputs)).isEqualTo(16);
                assertThat(v2Outputs).isEqualTo(v1Outputs);
                assertThat(second.getWhenAvailable("/api/stores/" + FlowTestService.COUNTS + "/keys/key-0").body())
                        .isEqualTo(first.getWhenAvailable("/api/stores/" + FlowTestService.COUNTS + "/keys/key-0").body())
                        .contains("\"value\":4");
            }
        }
    }

    private static AppInstance start(String applicationId, String prefix, String outputVersion) {
        AppInstance app = AppInstance.start(FlowTestApplication.class, applicationId,
                Map.of(FlowTestApplication.PREFIX_PROPERTY, prefix, "streams-kit.output-version", outputVersion));
        app.awaitReady(WAIT);
        return app;
    }

    private static void produceWords(String topic, int from, int count) {
        for (int i = from; i < from + count; i++) {
            KafkaStack.produce(topic, ("key-" + (i % 4)).getBytes(StandardCharsets.UTF_8), ("word" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Per partition, "key=value" in offset order: what a reader of that partition sees. */
    private static Map<Integer, List<String>> perPartition(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        records.stream().sorted(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::offset)).forEach(r ->
                byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                        .add(new String(r.key(), StandardCharsets.UTF_8) + "=" + new String(r.value(), StandardCharsets.UTF_8)));
        return byPartition;
    }

    private static int lines(Map<Integer, List<String>> byPartition) {
        return byPartition.values().stream().mapToInt(List::size).sum();
    }
}
