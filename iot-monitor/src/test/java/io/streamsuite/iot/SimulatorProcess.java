package io.streamsuite.iot;

import io.streamsuite.kit.test.KafkaStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event simulator's IoT traffic, from its own jar in its own process (as ./run-local runs it),
 * against the test stack. {@code --real-time} from a start in the past: the history is sent at once,
 * then the devices report live, so silent devices stay silent while the others keep talking. The
 * simulator's ids file names every device's behaviour.
 */
final class SimulatorProcess implements AutoCloseable {

    private final Process process;
    private final Path ids;
    private final Path log;

    private SimulatorProcess(Process process, Path ids, Path log) {
        this.process = process;
        this.ids = ids;
        this.log = log;
    }

    static SimulatorProcess start(Instant start, double rate, long seed) {
        Path jar = Path.of("..", "event-simulator", "target", "event-simulator.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No simulator jar at " + jar + ": build it first (./mvnw -pl event-simulator package)");
        }
        try {
            Path dir = Files.createTempDirectory("iot-simulator");
            Path ids = dir.resolve("ids.txt");
            Path log = dir.resolve("simulator.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                    "--bootstrap-servers=" + KafkaStack.bootstrapServers(),
                    "--schema-registry-url=" + KafkaStack.schemaRegistryUrl(),
                    "--domains=iot", "--rate=" + rate, "--seed=" + seed, "--start=" + start, "--real-time",
                    "--ids-file=" + ids, "--no-create-topics", "--duration=30m", "--progress-interval=10s"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new SimulatorProcess(process, ids, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Device id → behaviour, from the ids file's {@code # iot-device <id> <BEHAVIOUR>} lines, once written. */
    Map<String, String> devices() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Map<String, String> devices = new LinkedHashMap<>();
            try {
                if (Files.exists(ids)) {
                    for (String line : Files.readAllLines(ids)) {
                        String[] parts = line.split(" ");
                        if (parts.length == 4 && parts[0].equals("#") && parts[1].equals("iot-device")) {
                            devices.put(parts[2], parts[3]);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!devices.isEmpty() && Files.exists(log) && logText().contains("sent=")) {
                return devices;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited with " + process.exitValue() + ":\n" + logText());
            }
            sleep(500);
        }
        throw new IllegalStateException("the simulator wrote no devices within 120 s:\n" + logText());
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
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
