package io.streamsuite.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in its own JVM, with its data under a folder it names. Used by the
 * local stack, the benchmarks and the fault drills (which stop, kill and restart it).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private ChildProcess process;

    public KafkaBrokerProcess(Path dataDir, int port, int controllerPort, String heap) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public KafkaBrokerProcess start() {
        Path config = writeConfig();
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(config);
        }
        List<String> command = new ArrayList<>(List.of(Java.binary(), "-Xmx" + heap, "-XX:+UseG1GC",
                "-DLOG_LEVEL=INFO", "-DKAFKA_LOG_LEVEL=INFO", "-cp", Java.classpath(), "kafka.Kafka", config.toString()));
        process = ChildProcess.start("kafka", command, Map.of(), dataDir, dataDir.resolve("broker.log"));
        awaitReady();
        return this;
    }

    public void stop() {
        if (process != null) {
            process.stop(30);
        }
    }

    /** kill -9, as a crash would. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeConfig() {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "3");
        // One broker: every internal topic must live with replication factor 1, or Streams stalls.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "false");
        // The simulator's event times start at 2026-01-05 by default: with the default 7-day retention the broker
        // deleted its records within 5 minutes, and a reset then had no input to reprocess.
        props.setProperty("log.retention.ms", "-1");
        Path config = dataDir.resolve("server.properties");
        try {
            Files.createDirectories(dataDir);
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "written by the local stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + config, e);
        }
        return config;
    }

    private void format(Path config) {
        List<String> command = List.of(Java.binary(), "-cp", Java.classpath(), "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        ChildProcess formatter = ChildProcess.start("kafka-storage-format", command, Map.of(), dataDir,
                dataDir.resolve("format.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (formatter.isAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            throw new IllegalStateException("Formatting Kafka storage in " + dataDir + " failed:\n" + formatter.logTail(20));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited during start-up; last lines of "
                        + process.logFile() + ":\n" + process.logTail(30));
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                sleep(500);
            }
        }
        throw new IllegalStateException("Kafka broker did not answer on " + bootstrapServers() + " within "
                + READY_TIMEOUT.toSeconds() + " s; see " + process.logFile());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
