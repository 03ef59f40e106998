package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.benchmarks.Simulator;
import io.streamsuite.kit.test.ApicurioRegistry;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.KafkaBrokerProcess;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.localstack.SuiteService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One drill's world: a fresh broker in its own JVM, the registry (services reach it through a proxy a drill can
 * cut), fraud-detector instances as Boot jars, and the simulator. Closed after each drill so drills cannot leak
 * records into each other.
 */
public final class DrillStack implements AutoCloseable {

    public static final String TRANSACTIONS = "payments.transactions";
    public static final String DLQ = "fraud-detector.dlq";

    private final Path repoRoot;
    private final Path data;
    private final int basePort;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final KafkaBrokerProcess broker;
    private final ApicurioRegistry registry;
    private final RegistryCut registryCut;
    private final KafkaOps kafka;
    private KafkaOps referenceKafka;

    public DrillStack(Path repoRoot, Path data, int basePort) {
        this.repoRoot = repoRoot;
        this.data = data.toAbsolutePath();
        this.basePort = basePort;
        deleteRecursively(this.data);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        broker = new KafkaBrokerProcess(this.data.resolve("kafka"), basePort, basePort + 1, "1g");
        open.add(broker::stop);
        broker.start();
        registry = ApicurioRegistry.startOn(basePort + 2, this.data.resolve("logs").resolve("registry.log"));
        open.add(registry);
        registry.awaitReady();
        registryCut = RegistryCut.infrontOf(registry);
        open.add(registryCut);
        kafka = new KafkaOps(broker.bootstrapServers());
        open.add(kafka);
        // Simulated event times may lie in the past: time-based retention must not delete what a drill counts.
        kafka.createTopics(3, Map.of("retention.ms", "-1"), TRANSACTIONS, Ledger.SCORED, Ledger.ALERTS, DLQ);
        kafka.createTopics(3, Map.of("cleanup.policy", "compact"), "payments.accounts");
    }

    public KafkaBrokerProcess broker() {
        return broker;
    }

    public KafkaOps kafka() {
        return kafka;
    }

    RegistryCut registryCut() {
        return registryCut;
    }

    /** The registry as services see it: through the proxy a drill can cut. */
    public String serviceRegistryUrl() {
        return registryCut.url();
    }

    /** The registry as the simulator and the checks see it: directly, so cutting the proxy touches only services. */
    public String directRegistryUrl() {
        return registry.confluentApiUrl();
    }

    public Path data() {
        return data;
    }

    /** A progress line on stdout and in {@code <data>/progress.log}, readable while a test JVM holds its output back. */
    public void log(String line) {
        String stamped = java.time.Instant.now() + " [drills] " + line;
        System.out.println(stamped);
        try {
            Files.writeString(data.resolve("progress.log"), stamped + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("[drills] could not write progress.log: " + e);
        }
    }

    /** Instance {@code n} (0, 1, …) of fraud-detector; the same n reuses its state dir, as a restarted pod would. */
    public ServiceProcess startFraud(int n, Map<String, String> environment) {
        return startService("fraud-detector", n, broker.bootstrapServers(), environment);
    }

    /**
     * Instance {@code n} of a service's Boot jar on the given broker; the same n reuses its state dir and REST
     * port, as a restarted pod would.
     */
    public ServiceProcess startService(String module, int n, String bootstrapServers, Map<String, String> environment) {
        SuiteService service = new SuiteService(module, module, basePort + 10 + n, "/readyz");
        Map<String, String> env = new java.util.HashMap<>(environment);
        // The kit binds streams-kit.state-dir; each instance needs its own, as a pod has its own volume.
        env.putIfAbsent("STREAMS_KIT_STATE_DIR", data.resolve("state").resolve(module + "-" + n).toString());
        ServiceProcess process = ServiceProcess.start(service, repoRoot, data, bootstrapServers, serviceRegistryUrl(), env);
        open.add(process);
        return process;
    }

    /**
     * A second broker (own JVM, own ports) for an uninterrupted reference run of a service whose outputs must not
     * mix with the crashed run's (same topic names) or that reads its own output back; started on first use.
     */
    public synchronized KafkaOps referenceKafka() {
        if (referenceKafka == null) {
            KafkaBrokerProcess second = new KafkaBrokerProcess(data.resolve("kafka-reference"), basePort + 3, basePort + 4, "1g");
            open.add(second::stop);
            second.start();
            referenceKafka = new KafkaOps(second.bootstrapServers());
            open.add(referenceKafka);
        }
        return referenceKafka;
    }

    public ChildProcess simulator(String name, List<String> options) {
        ChildProcess process = Simulator.start(repoRoot, data, name, broker.bootstrapServers(), directRegistryUrl(),
                withPayments(options));
        open.add(() -> process.stop(5));
        return process;
    }

    public void runSimulator(String name, List<String> options, Duration timeout) {
        Simulator.run(repoRoot, data, name, broker.bootstrapServers(), directRegistryUrl(), withPayments(options), timeout);
    }

    private static List<String> withPayments(List<String> options) {
        List<String> all = new ArrayList<>(List.of("--domains=payments", "--start=now"));
        all.addAll(options);
        return all;
    }

    /**
     * Waits until the application's group has committed every record of the topic and of its repartition topics
     * (every sub-topology is done, so the outputs are complete).
     */
    public void awaitDrained(String applicationId, String topic, Duration timeout) {
        awaitDrained(kafka, applicationId, topic, timeout);
    }

    /** As {@link #awaitDrained(String, String, Duration)}, on the broker {@code kafka} talks to. */
    public static void awaitDrained(KafkaOps kafka, String applicationId, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (kafka.committed(applicationId, topic) >= kafka.endOffset(topic) && kafka.lag(applicationId) == 0) {
                return;
            }
            Processes.sleep(500);
        }
        throw new IllegalStateException(applicationId + " did not finish " + topic + " within " + timeout.toSeconds()
                + " s: committed " + kafka.committed(applicationId, topic) + " of " + kafka.endOffset(topic));
    }

    private final Thread shutdownHook = new Thread(this::stopAll, "drill-stack-stop");

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Already running the hook.
        }
    }

    /** Newest first; Ctrl-C runs it too, so no broker, registry or service outlives the drill. */
    private synchronized void stopAll() {
        List<AutoCloseable> reversed = new ArrayList<>(open);
        open.clear();
        Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("[drills] could not stop a process: " + e);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not clear " + dir, e);
        }
    }
}
