package io.streamsuite.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of the suite's Spring Boot services, run from its built jar with the stack's addresses in its environment,
 * the {@code local} profile, and trust in the stack's {@link DevTokens}; {@link #authorization()} calls it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SuiteService service;
    private final ChildProcess process;
    private final DevTokens tokens;

    private ServiceProcess(SuiteService service, ChildProcess process, DevTokens tokens) {
        this.service = service;
        this.process = process;
        this.tokens = tokens;
    }

    public static ServiceProcess start(SuiteService service, Path repoRoot, Path dataDir, String bootstrapServers,
                                       String registryUrl, Map<String, String> extraEnvironment) {
        Path jar = bootJar(repoRoot, service.module());
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "SCHEMA_REGISTRY_URL", registryUrl,
                "SERVER_PORT", Integer.toString(service.port()),
                "APPLICATION_SERVER", "localhost:" + service.port(),
                "STREAMS_KIT_STATE_DIR", dataDir.resolve("state").resolve(service.name() + "-" + service.port()).toString()));
        DevTokens tokens = DevTokens.in(dataDir);
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(service.managementPort()));
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", tokens.publicKeyLocation());
        // Development defaults (e.g. a public card-token key) live in each service's application-local.yml.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.putAll(extraEnvironment);
        List<String> command = List.of(Java.binary(), "-Xmx512m", "-XX:+UseG1GC", "-jar", jar.toString());
        ChildProcess process = ChildProcess.start(service.name(), command, env, repoRoot,
                dataDir.resolve("logs").resolve(service.name() + "-" + service.port() + ".log"));
        return new ServiceProcess(service, process, tokens);
    }

    /** The Spring Boot jar of a module, built by {@code ./mvnw install}. */
    public static Path bootJar(Path repoRoot, String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(module + "(-[0-9].*)?\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No jar for " + module + " in " + target
                            + ": build first with ./mvnw -B install -DskipTests"));
        } catch (IOException e) {
            throw new IllegalStateException("No build output for " + module + " at " + target
                    + ": build first with ./mvnw -B install -DskipTests", e);
        }
    }

    public SuiteService service() {
        return service;
    }

    public String baseUrl() {
        return "http://localhost:" + service.port();
    }

    /** Actuator: Prometheus and the full health, open, on its own port. */
    public String managementUrl() {
        return "http://localhost:" + service.managementPort();
    }

    /** {@code Bearer <token>} the service accepts, with both scopes. */
    public String authorization() {
        return tokens.authorization();
    }

    public DevTokens tokens() {
        return tokens;
    }

    public ChildProcess process() {
        return process;
    }

    /** Waits until readiness (Streams RUNNING, stores restored) answers 200. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited during start-up; last lines of "
                        + process.logFile() + ":\n" + process.logTail(30));
            }
            if (readiness() == 200) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + timeout.toSeconds()
                + " s; see " + process.logFile());
    }

    /** HTTP status of the readiness probe, or -1 when the service does not answer. */
    public int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Liveness and the Streams state from the liveness probe on the management port (open, with details), e.g.
     * {@code UP}/{@code RUNNING}; {@code DOWN} and {@code ?} when the service does not answer.
     */
    public Liveness liveness() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/liveness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode health = JSON.readTree(answer.body());
            JsonNode streams = health.at("/components/kafkaStreamsLiveness/details/state");
            return new Liveness(health.path("status").asString("DOWN"), streams.isString() ? streams.asString() : "?");
        } catch (IOException | JacksonException e) {
            return new Liveness("DOWN", "?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Liveness("DOWN", "?");
        }
    }

    /** The liveness probe's status and the Streams state (RUNNING, REBALANCING, ...) it reports. */
    public record Liveness(String status, String streamsState) {
    }

    @Override
    public void close() {
        process.stop(30);
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
