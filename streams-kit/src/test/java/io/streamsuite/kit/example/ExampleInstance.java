package io.streamsuite.kit.example;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the example app as one instance (its own port and state dir), so a test can run several
 * instances of one application side by side, as Kubernetes would.
 */
public final class ExampleInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ExampleInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Overrides are Spring properties, e.g. {@code streams-kit.properties.commit.interval.ms}. */
    public static ExampleInstance start(String applicationId, String bootstrapServers, String registryUrl,
                                        Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("streams-kit.application-id", applicationId);
        props.put("streams-kit.bootstrap-servers", bootstrapServers);
        props.put("streams-kit.schema-registry.url", registryUrl);
        props.put("streams-kit.state-dir", tempDir(applicationId));
        props.put("spring.main.banner-mode", "off");
        props.putAll(overrides);
        return new ExampleInstance(new SpringApplicationBuilder(ExampleApplication.class).properties(props).run());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public KafkaStreamsRunner runner() {
        return context.getBean(KafkaStreamsRunner.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private static String tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("kit-" + applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
