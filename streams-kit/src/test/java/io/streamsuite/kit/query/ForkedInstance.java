package io.streamsuite.kit.query;

import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.kit.test.TestTokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;

/**
 * An instance of {@link QueryTestApplication} in a JVM of its own, so a test can kill it with SIGKILL
 * (kill -9): no shutdown hook, no commit, no leaving the group, its port and state dir simply gone.
 * Its log goes to {@code target/forked-<id>.log}.
 */
final class ForkedInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ForkedInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static void main(String[] args) {
        SpringApplication.run(QueryTestApplication.class, args);
    }

    static ForkedInstance start(String applicationId, String topicPrefix, Map<String, Object> overrides) {
        int port = freePort();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", port);
        props.put("management.server.port", 0);
        props.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
        props.put("streams-kit.application-id", applicationId);
        props.put("streams-kit.bootstrap-servers", KafkaStack.bootstrapServers());
        props.put("streams-kit.schema-registry.url", KafkaStack.schemaRegistryUrl());
        props.put("streams-kit.state-dir", tempDir(applicationId));
        props.put("spring.main.banner-mode", "off");
        props.put("query-test.prefix", topicPrefix);
        props.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        props.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        props.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ForkedInstance.class.getName()));
        props.forEach((name, value) -> command.add("--" + name + "=" + value));
        Path log = Path.of("target", "forked-" + applicationId + "-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ForkedInstance(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** host:port as it advertises itself in application.server. */
    String endpoint() {
        return "localhost:" + port;
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("forked instance " + endpoint() + " exited; see " + log.toAbsolutePath());
            }
            try {
                if (Http.get(baseUrl(), "/readyz").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // the web server is not up yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("forked instance " + endpoint() + " not ready within " + timeout + "; see " + log.toAbsolutePath());
            }
            QueryInstance.sleep(250);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tempDir(String applicationId) {
        return ScratchDirs.create("forked-" + applicationId).toFile().getAbsolutePath() + File.separator;
    }
}
