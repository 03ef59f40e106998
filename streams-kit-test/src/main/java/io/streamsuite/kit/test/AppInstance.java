package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of a service's Spring Boot application against this JVM's {@link KafkaStack}: its own
 * free port, state dir and {@code application.server}, so a test can run several side by side. It
 * trusts {@link TestTokens}' key, and {@link #get} sends a token with every scope; {@link #get(String, String)}
 * sends another (or none, with {@code null}). Actuator endpoints are on the management port
 * ({@link #managementUrl()}); the probes also answer on the main port at {@code /livez} and {@code /readyz}.
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
        props.put("management.server.port", 0);
        props.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
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

    /** The management server (actuator: health, Prometheus), on its own port. */
    public String managementUrl() {
        return "http://localhost:" + context.getEnvironment().getRequiredProperty("local.management.port");
    }

    /** A GET with a token of every scope ({@link TestTokens#all()}). */
    public HttpResponse<String> get(String path) {
        return get(path, TestTokens.all());
    }

    /** A GET with this {@code Authorization} value, or none when it is null. */
    public HttpResponse<String> get(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), authorization);
    }

    /** A POST of a JSON body with a token of every scope. */
    public HttpResponse<String> post(String path, String json) {
        return post(path, json, TestTokens.all());
    }

    /** A POST of a JSON body with this {@code Authorization} value, or none when it is null. */
    public HttpResponse<String> post(String path, String json, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
    }

    /** Any method, with a JSON body or none, with this {@code Authorization} value or none. */
    public HttpResponse<String> send(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request, authorization);
    }

    /** POSTs until the answer is not 503, for at most 60 s. */
    public HttpResponse<String> postWhenAvailable(String path, String json) {
        return untilAvailable(() -> post(path, json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header(TestTokens.HEADER, authorization);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs until the answer is not 503 (a store restoring or rebalancing), for at most 60 s. */
    public HttpResponse<String> getWhenAvailable(String path) {
        return untilAvailable(() -> get(path));
    }

    private static HttpResponse<String> untilAvailable(Supplier<HttpResponse<String>> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = call.get();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            sleep(250);
            response = call.get();
        }
        return response;
    }

    /** Waits for the readiness probe: Streams RUNNING and every store restored. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get("/readyz", null).statusCode() != 200) {
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
        return ScratchDirs.create("streams-" + applicationId).toString();
    }
}
