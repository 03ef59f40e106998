package io.streamsuite.fraud;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.test.KafkaStack;
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
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One running fraud-detector (own port, state dir and application.server) against the test stack. */
public final class FraudInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;

    private FraudInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static FraudInstance start(Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("streams-kit.bootstrap-servers", KafkaStack.bootstrapServers());
        props.put("streams-kit.schema-registry.url", KafkaStack.schemaRegistryUrl());
        props.put("streams-kit.state-dir", tempDir());
        props.put("spring.main.banner-mode", "off");
        // Records of different accounts reach a card partition in any order; keep them all within grace.
        props.put("fraud.velocity.grace", "10m");
        props.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        props.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        props.putAll(overrides);
        // As command-line arguments, so they win over application.yml (builder properties would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new FraudInstance(new SpringApplicationBuilder(FraudDetectorApplication.class).run(args));
    }

    public String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public KafkaStreamsRunner runner() {
        return context.getBean(KafkaStreamsRunner.class);
    }

    public KafkaStreams streams() {
        return runner().streams().orElseThrow();
    }

    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (runner().streams().map(s -> s.state() == KafkaStreams.State.RUNNING).orElse(false)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("fraud-detector not RUNNING within " + timeout);
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

    @Override
    public void close() {
        context.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("fraud-detector-state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
