package io.streamsuite.benchmarks;

import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.Java;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Child JVMs of this harness (the passthrough and restore baselines, the query load), and reading their logs. */
public final class Processes {

    /** Same heap and GC as {@code ServiceProcess} gives a service, so baseline and service are comparable. */
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseG1GC");

    private Processes() {
    }

    public static String javaBinary() {
        return Java.binary();
    }

    public static ChildProcess java(String name, Class<?> main, List<String> args, Path dataDir) {
        return java(name, main, args, dataDir, Map.of());
    }

    public static ChildProcess java(String name, Class<?> main, List<String> args, Path dataDir,
                                    Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(SERVICE_JVM_FLAGS);
        command.addAll(List.of("-cp", Java.classpath(), main.getName()));
        command.addAll(args);
        return ChildProcess.start(name, command, environment, dataDir, dataDir.resolve("logs").resolve(name + ".log"));
    }

    /** CPU time (user + system) the process has used so far, from /proc through the JDK. */
    public static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Waits until a line of the process's log matches, and returns the match. */
    public static Matcher awaitLine(ChildProcess process, Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Matcher> found = findLine(process.logFile(), pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; last lines:\n" + process.logTail(30));
            }
            sleep(50);
        }
        throw new IllegalStateException(process.name() + " did not log /" + pattern + "/ within " + timeout.toSeconds()
                + " s; see " + process.logFile());
    }

    static Optional<Matcher> findLine(Path log, Pattern pattern) {
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return Optional.of(m);
                }
            }
        } catch (Exception notYet) {
            // The log may not exist yet or be mid-write.
        }
        return Optional.empty();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
