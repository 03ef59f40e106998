package io.streamsuite.benchmarks;

import io.streamsuite.localstack.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The event simulator's CLI jar (module event-simulator) as a child process: the source of every realistic input. */
public final class Simulator {

    private Simulator() {
    }

    public static Path jar(Path repoRoot) {
        Path target = repoRoot.resolve("event-simulator").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("event-simulator(-[0-9].*)?\\.jar"))
                    .findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No event-simulator jar under " + target
                    + ": build it first (./mvnw -q install -DskipTests), or merge the simulator branch", e);
        }
    }

    public static ChildProcess start(Path repoRoot, Path dataDir, String name, String bootstrap, String registryUrl,
                                     List<String> options) {
        List<String> command = command(repoRoot, bootstrap, registryUrl, options);
        return ChildProcess.start(name, command, Map.of(), dataDir, dataDir.resolve("logs").resolve(name + ".log"));
    }

    /** Runs it to the end; a non-zero exit is an error with the log's tail. */
    public static void run(Path repoRoot, Path dataDir, String name, String bootstrap, String registryUrl,
                           List<String> options, Duration timeout) {
        List<String> command = command(repoRoot, bootstrap, registryUrl, options);
        Path log = dataDir.resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The simulator holds its whole population in memory: 1M accounts (the recovery row) need more than 512 MB. */
    private static List<String> command(Path repoRoot, String bootstrap, String registryUrl, List<String> options) {
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx2g", "-jar",
                jar(repoRoot).toString(), "--bootstrap-servers=" + bootstrap, "--schema-registry-url=" + registryUrl));
        command.addAll(options);
        return command;
    }
}
