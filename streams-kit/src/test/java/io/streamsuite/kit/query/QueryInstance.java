package io.streamsuite.kit.query;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.test.AppInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.ConfigurableApplicationContext;

/** One instance of {@link QueryTestApplication}: its own port, state dir and application.server. */
final class QueryInstance implements AutoCloseable {

    private final AppInstance app;

    private QueryInstance(AppInstance app) {
        this.app = app;
    }

    static QueryInstance start(String applicationId, String topicPrefix) {
        return start(applicationId, topicPrefix, Map.of());
    }

    static QueryInstance start(String applicationId, String topicPrefix, Map<String, Object> overrides) {
        Map<String, Object> props = new java.util.LinkedHashMap<>(overrides);
        props.put("query-test.prefix", topicPrefix);
        return new QueryInstance(AppInstance.start(QueryTestApplication.class, applicationId, props));
    }

    String baseUrl() {
        return app.baseUrl();
    }

    int port() {
        return app.port();
    }

    /** host:port as this instance advertises it in application.server. */
    String endpoint() {
        return runner().applicationServer();
    }

    KafkaStreamsRunner runner() {
        return app.bean(KafkaStreamsRunner.class);
    }

    KafkaStreams streams() {
        return runner().streams().orElseThrow();
    }

    ConfigurableApplicationContext context() {
        return app.context();
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
        app.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
