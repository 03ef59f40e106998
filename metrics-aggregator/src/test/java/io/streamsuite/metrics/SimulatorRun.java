package io.streamsuite.metrics;

import io.streamsuite.kit.test.KafkaStack;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The event simulator's own jar (module event-simulator; its WebGenerator) writing page views to the
 * test broker and registry, as in ./run-local. Its jar is a Spring Boot jar, so it runs as a process.
 */
final class SimulatorRun {

    private SimulatorRun() {
    }

    static void webTraffic(Instant start, int count, long seed) {
        Path jar = Path.of("..", "event-simulator", "target", "event-simulator.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build it first (./mvnw -q install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(),
                "--bootstrap-servers=" + KafkaStack.bootstrapServers(), "--schema-registry-url=" + KafkaStack.schemaRegistryUrl(),
                "--domains=web", "--count=" + count, "--rate=400", "--seed=" + seed, "--start=" + start,
                "--population=800", "--no-create-topics"));
        try {
            File log = Files.createTempFile("simulator", ".log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!process.waitFor(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the simulator did not finish within 120 s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the simulator failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log.toPath()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
