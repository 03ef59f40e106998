package io.streamsuite.kit.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The event simulator's own jar (module event-simulator, a Spring Boot jar, so a process) writing to the test
 * broker and registry, as ./run-local runs it. A service module's integration test finds it at
 * {@code ../event-simulator/target/event-simulator.jar}; the reactor builds the simulator before those modules.
 */
public final class SimulatorJar {

    private SimulatorJar() {
    }

    public static Path jar() {
        Path jar = Path.of("..", "event-simulator", "target", "event-simulator.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build it first (./mvnw -q install -DskipTests)");
        }
        return jar;
    }

    /**
     * Runs the simulator to its end against the stack ({@code --bootstrap-servers} and {@code --schema-registry-url}
     * are added); a non-zero exit or a run longer than {@code timeout} is an error carrying its log.
     */
    public static void run(Duration timeout, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString(),
                "--bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--schema-registry-url=" + KafkaStack.schemaRegistryUrl()));
        command.addAll(List.of(options));
        try {
            Path log = Files.createTempFile("simulator", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the simulator did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the simulator failed (exit " + process.exitValue() + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
