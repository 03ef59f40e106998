package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One service run twice on the same input at the same time: the crashed run (instance 0, on the drill's broker),
 * killed with SIGKILL and restarted on its own state dir, and an uninterrupted reference run (instance 1, on the
 * reference broker). Both keep the service's own application id; the brokers keep their outputs apart.
 */
final class CrashPair implements AutoCloseable {

    static final Duration START = Duration.ofMinutes(3);
    /** Generous: on a 2-core machine at load 40-70 a restarted instance took over 3 min to drain its backlog. */
    static final Duration DRAIN = Duration.ofMinutes(6);

    private final DrillStack stack;
    private final String module;
    private final Map<String, String> environment;
    private final ServiceProcess reference;
    private ServiceProcess crashed;
    private int kills;

    private CrashPair(DrillStack stack, String module, Map<String, String> environment) {
        this.stack = stack;
        this.module = module;
        this.environment = environment;
        this.crashed = stack.startService(module, 0, stack.kafka().bootstrap(), environment);
        this.reference = stack.startService(module, 1, stack.referenceKafka().bootstrap(), environment);
    }

    /**
     * Starts both runs and waits until both are ready; {@code properties} (Spring property names) are the same for
     * both, passed as {@code SPRING_APPLICATION_JSON}.
     */
    static CrashPair start(DrillStack stack, String module, Map<String, String> properties) {
        Map<String, String> all = new TreeMap<>(properties);
        // A killed member leaves the group after its session times out; 6 s (the broker's minimum) keeps the
        // restarted instance from waiting out Kafka's 45 s default before it gets its tasks back.
        all.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        all.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        StringBuilder json = new StringBuilder("{");
        all.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value).append('"'));
        CrashPair pair = new CrashPair(stack, module, Map.of("SPRING_APPLICATION_JSON", json.append('}').toString()));
        pair.crashed.awaitReady(START);
        pair.reference.awaitReady(START);
        stack.log(module + ": crashed and reference runs ready");
        return pair;
    }

    KafkaOps crashedKafka() {
        return stack.kafka();
    }

    KafkaOps referenceKafka() {
        return stack.referenceKafka();
    }

    /** SIGKILL of the crashed run's process, and a new one on the same state dir at once (not waited for). */
    void killAndRestart() {
        crashed.process().kill();
        kills++;
        stack.log(module + ": killed pid " + crashed.process().pid() + " (kill " + kills + ")");
        crashed = stack.startService(module, 0, stack.kafka().bootstrap(), environment);
    }

    boolean crashedReady() {
        return crashed.readiness() == 200;
    }

    void awaitCrashedReady() {
        crashed.awaitReady(START);
    }

    int kills() {
        return kills;
    }

    /**
     * Both runs have processed every record of {@code inputs} and of their internal topics: for two checks in a row,
     * a read_committed consumer finds no record after the group's committed offset on any of those partitions.
     * (Comparing committed offsets with end offsets is not enough under exactly-once: a partition whose last entry is
     * a transaction marker may stay one below its end, and the group's lag skips partitions it never committed on.)
     */
    void awaitDrained(String... inputs) {
        stack.log(module + ": waiting until both runs have processed " + String.join(", ", inputs));
        for (KafkaOps kafka : List.of(stack.kafka(), stack.referenceKafka())) {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            int clean = 0;
            List<String> behind = List.of();
            while (clean < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(module + " on " + kafka.bootstrap() + " did not process everything within "
                            + DRAIN.toSeconds() + " s; records left on " + behind);
                }
                behind = unprocessed(kafka, List.of(inputs));
                clean = behind.isEmpty() ? clean + 1 : 0;
                Processes.sleep(500);
            }
        }
    }

    /** Partitions (topic-partition@offset) holding a committed record after the group's committed offset. */
    private List<String> unprocessed(KafkaOps kafka, List<String> inputs) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : kafka.topics()) {
            if (inputs.contains(topic) || topic.startsWith(module + "-") && (topic.endsWith("-repartition") || topic.endsWith("-topic"))) {
                partitions.addAll(kafka.partitions(topic));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()));
             KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(module)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> from = new java.util.HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                if ((at == null ? 0 : at.offset()) < ends.get(tp)) {
                    from.put(tp, at == null ? 0 : at.offset());
                }
            }
            List<TopicPartition> open = List.copyOf(from.keySet());
            consumer.assign(open);
            from.forEach(consumer::seek);
            List<String> behind = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (open.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    behind.add(record.topic() + "-" + record.partition() + "@" + record.offset());
                }
            }
            return behind.size() > 5 ? List.copyOf(behind.subList(0, 5)) : behind;
        } catch (Exception e) {
            return List.of("(could not check: " + e + ")");
        }
    }

    @Override
    public void close() {
        crashed.close();
        reference.close();
    }
}
