package io.streamsuite.metrics;

import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The service in a JVM of its own (the test's classpath), so a drill can kill it with SIGKILL. */
final class ServiceChild {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private ServiceChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServiceChild start(String applicationId, Path stateDir, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), MetricsAggregatorApplication.class.getName(),
                "--server.port=" + port, "--management.server.port=0", "--streams-kit.application-id=" + applicationId,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--streams-kit.schema-registry.url=" + KafkaStack.schemaRegistryUrl(),
                "--streams-kit.state-dir=" + stateDir, "--metrics.pages.tick-interval=1s",
                "--spring.main.banner-mode=off",
                "--streams-kit.properties[consumer.session.timeout.ms]=6000",
                "--streams-kit.properties[consumer.heartbeat.interval.ms]=1000"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ServiceChild(process, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the service", e);
        }
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            AppInstance.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
