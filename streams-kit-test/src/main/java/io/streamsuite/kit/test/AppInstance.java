package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of a service's Spring Boot application against this JVM's {@link KafkaStack}: its own
 * free port, state dir and {@code application.server}, so a test can run several side by side.
 */
public final class AppInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Overrides are Spring properties and win over the defaults set here. */
    public static AppInstance start(Class<?> application, String applicationId, Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("streams-kit.application-id", applicationId);
        props.put("streams-kit.bootstrap-servers", KafkaStack.bootstrapServers());
        props.put("streams-kit.schema-registry.url", KafkaStack.schemaRegistryUrl());
        props.put("streams-kit.state-dir", tempDir(applicationId));
        props.put("spring.main.banner-mode", "off");
        // A replaced stream thread waits for the dead member's session to expire; keep that short in tests.
        props.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        props.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        props.putAll(overrides);
        // As command-line arguments, so they win over the service's application.yml (builder properties would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new AppInstance(new SpringApplicationBuilder(application).run(args));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs until the answer is not 503 (a store restoring or rebalancing), for at most 30 s. */
    public HttpResponse<String> getWhenAvailable(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get(path);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            sleep(250);
            response = get(path);
        }
        return response;
    }

    /** Waits for the readiness probe: Streams RUNNING and every store restored. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get("/actuator/health/readiness").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(baseUrl() + " not ready within " + timeout);
            }
            sleep(100);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("streams-" + applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
