package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code <service> reset} as an operator runs it: the service's own main in a JVM of its own (this
 * test's classpath), with the application id, broker and state dir of the instance it resets. What it
 * printed and its exit code are the answer; {@link #topicsOf} and {@link #awaitGroupEmpty} help check it.
 */
public record ResetRun(int exitCode, String output) {

    /** Runs {@code main(reset, extraArguments...)} of {@code application}; waits at most two minutes. */
    public static ResetRun of(Class<?> application, String applicationId, Path stateDir, String... extraArguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), application.getName(), "reset",
                "--streams-kit.application-id=" + applicationId,
                "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--streams-kit.schema-registry.url=" + KafkaStack.schemaRegistryUrl(),
                "--streams-kit.state-dir=" + stateDir,
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(extraArguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("reset did not end within 120 s:\n" + output);
            }
            return new ResetRun(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines of an output topic written as {@code "<partition>:<record>"}, grouped by partition, in order. */
    public static Map<String, List<String>> perPartition(List<String> lines) {
        Map<String, List<String>> byPartition = new TreeMap<>();
        lines.forEach(line -> byPartition.computeIfAbsent(line.substring(0, line.indexOf(':')), p -> new ArrayList<>()).add(line));
        return byPartition;
    }

    /**
     * What an output topic holds after a first run, a reset and a rerun on the same input, when the rerun
     * writes the same outputs: per partition, the first run's records, then the very same ones again.
     */
    public static Map<String, List<String>> firstRunTwice(List<String> firstRun) {
        Map<String, List<String>> repeated = new TreeMap<>();
        perPartition(firstRun).forEach((partition, lines) -> {
            List<String> both = new ArrayList<>(lines);
            both.addAll(lines);
            repeated.put(partition, both);
        });
        return repeated;
    }

    /** The topics named {@code <applicationId>-...}: its internal topics (changelogs, repartitions, join topics). */
    public static Set<String> topicsOf(String applicationId) {
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Set<String> topics = new TreeSet<>();
            admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.startsWith(applicationId + "-")).forEach(topics::add);
            return topics;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not list topics", e);
        }
    }

    /** Waits until the application's consumer group has no member left (a stopped instance leaves it). */
    public static void awaitGroupEmpty(String applicationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            while (!admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
                    .get(30, TimeUnit.SECONDS).members().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + applicationId + " kept members for " + timeout + " after its instances stopped");
                }
                AppInstance.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not describe group " + applicationId, e);
        }
    }
}
