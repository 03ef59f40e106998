package io.streamsuite.kit.query;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.test.KafkaStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One instance of {@link QueryTestApplication}: its own port, state dir and application.server. */
final class QueryInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private QueryInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static QueryInstance start(String applicationId, String topicPrefix) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("query-test.prefix", topicPrefix);
        props.put("streams-kit.application-id", applicationId);
        props.put("streams-kit.bootstrap-servers", KafkaStack.bootstrapServers());
        props.put("streams-kit.schema-registry.url", KafkaStack.schemaRegistryUrl());
        props.put("streams-kit.state-dir", tempDir(applicationId));
        props.put("spring.main.banner-mode", "off");
        return new QueryInstance(new SpringApplicationBuilder(QueryTestApplication.class).properties(props).run());
    }

    String baseUrl() {
        return "http://localhost:" + port();
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** host:port as this instance advertises it in application.server. */
    String endpoint() {
        return runner().applicationServer();
    }

    KafkaStreamsRunner runner() {
        return context.getBean(KafkaStreamsRunner.class);
    }

    KafkaStreams streams() {
        return runner().streams().orElseThrow();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    void awaitRunning(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (runner().streams().map(KafkaStreams::state).orElse(null) != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Kafka Streams of " + endpoint() + " not RUNNING within " + timeout);
            }
            sleep(50);
        }
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

    private static String tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("query-" + applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
