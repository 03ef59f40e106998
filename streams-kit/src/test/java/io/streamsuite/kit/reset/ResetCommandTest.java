package io.streamsuite.kit.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.dashboard.FlowTestApplication;
import io.streamsuite.kit.dashboard.FlowTestService;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.kit.test.WithKafkaStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code <service>.jar reset} on a real broker: refused while running, then a full rewind a rerun can trust. */
@WithKafkaStack
class ResetCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void refusesWhileRunningThenRewindsSoThatARerunWritesTheSameOutputsAndCounts() throws Exception {
        Run run = new Run("reset-earliest");
        AppInstance first = run.start();
        run.produceWords(12);
        List<String> firstOutputs = run.awaitOutputs(12);
        assertThat(run.count(first, "key-0")).isEqualTo(3);

        // As an operator would run it: the service's own main, with "reset".
        Process refused = run.resetInChildJvm();
        String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).as(refusal).isEqualTo(1);
        assertThat(refusal).contains("Refusing to reset '" + run.applicationId + "'", "member(s)", "Nothing was changed")
                .doesNotContain("Starting Kafka Streams");
        assertThat(run.topics()).contains(run.changelog());
        assertThat(run.committed().values()).containsOnly(6L);

        first.close();
        run.awaitGroupEmpty();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit = ResetCommand.run(new String[] {"reset"}, run.environment(), new PrintStream(said, true, StandardCharsets.UTF_8));
        String report = said.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(report).isZero();
        assertThat(run.committed()).isEqualTo(Map.of(new TopicPartition(run.service.input(), 0), 0L,
                new TopicPartition(run.service.input(), 1), 0L));
        assertThat(run.topics()).doesNotContain(run.changelog()).contains(run.service.input(), run.service.output());
        assertThat(Files.exists(run.localState())).isFalse();
        assertThat(report).contains("input offsets set to the earliest", run.service.input() + "-0 -> 0",
                "internal topics deleted: " + run.changelog(), "local state wiped: " + run.localState(), "output topics left");

        AppInstance rerun = run.start();
        try {
            List<String> all = run.awaitOutputs(24);
            // Same input, same outputs: each partition holds the first run's records, then the same again in order.
            Map<Integer, List<String>> twice = new HashMap<>();
            perPartition(firstOutputs).forEach((partition, lines) -> {
                List<String> repeated = new ArrayList<>(lines);
                repeated.addAll(lines);
                twice.put(partition, repeated);
            });
            assertThat(perPartition(all)).isEqualTo(twice);
            // Counts not doubled: the state and changelog of the first run are gone.
            awaitCount(run, rerun, "key-0", 3);
            assertThat(run.count(rerun, "key-3")).isEqualTo(3);
        } finally {
            rerun.close();
        }
    }

    @Test
    void toDatetimeRewindsEachPartitionToItsFirstRecordAtOrAfterThatTime() throws Exception {
        Run run = new Run("reset-datetime");
        AppInstance app = run.start();
        run.produceWords(8);
        run.awaitOutputs(8);
        Thread.sleep(50);
        Instant cut = Instant.now();
        Thread.sleep(50);
        run.produceWords(6);
        run.awaitOutputs(14);
        app.close();
        run.awaitGroupEmpty();

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit = ResetCommand.run(new String[] {"reset", "--to-datetime=" + cut}, run.environment(),
                new PrintStream(said, true, StandardCharsets.UTF_8));

        assertThat(exit).as(said.toString(StandardCharsets.UTF_8)).isZero();
        // Keys key-0..key-3 spread over both partitions; the first 8 words came before the cut.
        Map<TopicPartition, Long> before = run.recordsBefore(cut);
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
        assertThat(run.committed()).isEqualTo(before);
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("first record at or after " + cut);
    }

    @Test
    void rejectsATimeThatIsNotIso8601WithoutTouchingAnything() {
        Run run = new Run("reset-bad-time");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit = ResetCommand.run(new String[] {"reset", "--to-datetime=yesterday"}, run.environment(),
                new PrintStream(said, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("--to-datetime wants ISO-8601", "'yesterday'");
    }

    private static Map<Integer, List<String>> perPartition(List<String> outputs) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        outputs.forEach(line -> byPartition.computeIfAbsent(Integer.parseInt(line.substring(0, line.indexOf(':'))),
                p -> new ArrayList<>()).add(line));
        return byPartition;
    }

    private static void awaitCount(Run run, AppInstance app, String key, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (run.count(app, key) != expected && System.nanoTime() < deadline) {
            AppInstance.sleep(200);
        }
        assertThat(run.count(app, key)).isEqualTo(expected);
    }

    /** One application id, its own topics and state dir, kept across its stops and starts. */
    private static final class Run {
        final String applicationId;
        final FlowTestService service;
        final Path stateDir;
        private final String prefix;

        Run(String name) {
            this.applicationId = KafkaStack.uniqueName(name);
            this.prefix = KafkaStack.uniqueName(name + "-topics");
            this.service = new FlowTestService(prefix);
            this.stateDir = ScratchDirs.create("reset-test");
        }

        AppInstance start() {
            AppInstance app = AppInstance.start(FlowTestApplication.class, applicationId,
                    Map.of(FlowTestApplication.PREFIX_PROPERTY, prefix, "streams-kit.state-dir", stateDir.toString()));
            app.awaitReady(WAIT);
            return app;
        }

        void produceWords(int count) {
            for (int i = 0; i < count; i++) {
                KafkaStack.produce(service.input(), ("key-" + (i % 4)).getBytes(StandardCharsets.UTF_8),
                        ("word" + i).getBytes(StandardCharsets.UTF_8));
            }
        }

        /** "partition:key=value" in topic order. */
        List<String> awaitOutputs(int count) {
            List<ConsumerRecord<byte[], byte[]>> records = KafkaStack.readAll(service.output(), count, WAIT);
            assertThat(records).hasSize(count);
            return records.stream().sorted(java.util.Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
                            .thenComparingLong(ConsumerRecord::offset))
                    .map(r -> r.partition() + ":" + new String(r.key(), StandardCharsets.UTF_8) + "="
                            + new String(r.value(), StandardCharsets.UTF_8))
                    .toList();
        }

        long count(AppInstance app, String key) {
            var answer = app.getWhenAvailable("/api/stores/" + FlowTestService.COUNTS + "/keys/" + key);
            return answer.statusCode() == 200 ? Long.parseLong(answer.body().replaceAll(".*\"value\":(\\d+).*", "$1")) : -1;
        }

        String changelog() {
            return applicationId + "-" + FlowTestService.COUNTS + "-changelog";
        }

        Path localState() {
            return stateDir.resolve(applicationId);
        }

        StandardEnvironment environment() {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                    "streams-kit.application-id", applicationId,
                    "streams-kit.bootstrap-servers", KafkaStack.bootstrapServers(),
                    "streams-kit.state-dir", stateDir.toString())));
            return environment;
        }

        Process resetInChildJvm() throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    FlowTestApplication.class.getName(), "reset",
                    "--streams-kit.application-id=" + applicationId,
                    "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                    "--streams-kit.schema-registry.url=" + KafkaStack.schemaRegistryUrl(),
                    "--streams-kit.state-dir=" + stateDir,
                    "--" + FlowTestApplication.PREFIX_PROPERTY + "=" + prefix)
                    .redirectErrorStream(true).start();
        }

        Set<String> topics() throws Exception {
            try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
                return admin.listTopics().names().get();
            }
        }

        Map<TopicPartition, Long> committed() throws Exception {
            try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                committed.forEach((partition, offset) -> {
                    if (partition.topic().equals(service.input())) {
                        offsets.put(partition, offset.offset());
                    }
                });
                return offsets;
            }
        }

        Map<TopicPartition, Long> recordsBefore(Instant cut) {
            Map<TopicPartition, Long> before = new HashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                before.put(new TopicPartition(service.input(), partition), 0L);
            }
            KafkaStack.readAll(service.input()).forEach(r -> {
                if (r.timestamp() < cut.toEpochMilli()) {
                    before.merge(new TopicPartition(r.topic(), r.partition()), 1L, Long::sum);
                }
            });
            return before;
        }

        void awaitGroupEmpty() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
                while (!admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId).get()
                        .members().isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("group " + applicationId + " kept members after the app stopped");
                    }
                    AppInstance.sleep(250);
                }
            }
        }
    }
}
