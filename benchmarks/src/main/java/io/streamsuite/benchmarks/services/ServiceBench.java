package io.streamsuite.benchmarks.services;

import io.streamsuite.benchmarks.Drain;
import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.benchmarks.Results;
import io.streamsuite.benchmarks.Row;
import io.streamsuite.benchmarks.Simulator;
import io.streamsuite.benchmarks.apps.PassthroughApp;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.localstack.SuiteService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the rows of metrics-aggregator, iot-monitor and recommendation-updater share with the suite: the running
 * broker and registry, the results, and the two drains of one input topic in the same run (the Kafka Streams
 * passthrough, then the service's Boot jar), measured alike by {@link Drain}.
 */
public final class ServiceBench {

    /** The issues' throughput target: a service drains at least 0.4× what the passthrough drains of the same topic. */
    static final double TARGET_RATIO = 0.40;

    private final Path repoRoot;
    private final Path data;
    private final KafkaOps kafka;
    private final String registryUrl;
    private final Results results;
    private final List<AutoCloseable> running;
    private final boolean jfr;
    private final long seed;
    private final long records;

    public ServiceBench(Path repoRoot, Path data, KafkaOps kafka, String registryUrl, Results results,
                        List<AutoCloseable> running, boolean jfr, long seed, long records) {
        this.repoRoot = repoRoot;
        this.data = data;
        this.kafka = kafka;
        this.registryUrl = registryUrl;
        this.results = results;
        this.running = running;
        this.jfr = jfr;
        this.seed = seed;
        this.records = records;
    }

    KafkaOps kafka() {
        return kafka;
    }

    Results results() {
        return results;
    }

    Path data() {
        return data;
    }

    long seed() {
        return seed;
    }

    /** Records each service drains (the simulator's stream records of its domain). */
    long records() {
        return records;
    }

    AvroSerdes serdes() {
        return AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true));
    }

    void simulator(String name, List<String> options, Duration timeout) {
        Simulator.run(repoRoot, data, name, kafka.bootstrap(), registryUrl, options, timeout);
    }

    ChildProcess startSimulator(String name, List<String> options) {
        ChildProcess process = Simulator.start(repoRoot, data, name, kafka.bootstrap(), registryUrl, options);
        running.add(() -> process.stop(10));
        return process;
    }

    /** The passthrough (bytes in, bytes out, EOS v2, own JVM) draining {@code topic} from its start. */
    Drain passthrough(String topic, String name) {
        String out = "bench.passthrough." + name + ".out";
        kafka.createTopics(kafka.partitions(topic).size(), Map.of("retention.ms", "-1"), out);
        ChildProcess app = Processes.java("passthrough-" + name, PassthroughApp.class, List.of(kafka.bootstrap(),
                topic, out, "bench-passthrough-" + name, data.resolve("state").toString()), data);
        try {
            return Drain.measure(kafka, "bench-passthrough-" + name, topic, app.pid(), Duration.ofMinutes(20));
        } finally {
            app.stop(30);
        }
    }

    /** A service's Boot jar in its own JVM (-Xmx512m, as fraud-detector's rows), with its own state directory. */
    ServiceProcess start(String module, int port, String instance) {
        SuiteService service = new SuiteService(module, module, port, "/readyz");
        Path dir = data.resolve(module + "-" + instance);
        Map<String, String> env = new HashMap<>();
        env.put("STREAMS_KIT_STATE_DIR", stateDir(module, instance).toString());
        if (jfr) {
            try {
                Files.createDirectories(data.resolve("jfr"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename="
                    + data.resolve("jfr").resolve(module + "-" + instance + ".jfr"));
        }
        ServiceProcess process = ServiceProcess.start(service, repoRoot, dir, kafka.bootstrap(), registryUrl, env);
        running.add(process);
        return process;
    }

    Path stateDir(String module, String instance) {
        return data.resolve(module + "-" + instance).resolve("state");
    }

    void stop(ServiceProcess process) {
        process.close();
        running.remove(process);
    }

    Drain drain(ServiceProcess service, String group, String topic) {
        return drain(service, group, topic, 0);
    }

    /** For a group that committed {@code committedBefore} on the topic in an earlier phase of the row. */
    Drain drain(ServiceProcess service, String group, String topic, long committedBefore) {
        return Drain.measure(kafka, group, topic, service.process().pid(), Duration.ofMinutes(30), committedBefore);
    }

    /** The passthrough's rows and the service's beside them: rate with its ratio and target, CPU per 1M records. */
    void drainRows(String section, String topic, Drain limit, Drain service) {
        double ratio = service.recordsPerSecond() / limit.recordsPerSecond();
        results.add(new Row(section, "passthrough drain of " + topic + " (" + limit.records() + ")",
                limit.recordsPerSecond(), "rec/s", "(the limit for this topic)", Double.NaN, null, null));
        results.add(new Row(section, "drain (" + service.records() + ")", service.recordsPerSecond(), "rec/s",
                "passthrough, same topic", limit.recordsPerSecond(), "≥ 0.40× passthrough", ratio >= TARGET_RATIO));
        results.add(new Row(section, "CPU per 1M records", service.cpuSecondsPerMillion(), "CPU s",
                "passthrough CPU per 1M", limit.cpuSecondsPerMillion(), null, null));
    }

    /** The last record per key of a topic (read_committed, from its start), tombstones dropping the key. */
    Map<String, ConsumerRecord<byte[], byte[]>> latestByKey(String topic) {
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
            String key = record.key() == null ? "" : java.util.HexFormat.of().formatHex(record.key());
            if (record.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, record);
            }
        }
        return latest;
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
    }
}
