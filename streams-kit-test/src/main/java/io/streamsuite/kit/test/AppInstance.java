package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        return new AppInstance(new SpringApplicationBuilder(application).properties(props).run());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
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

    private static String tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("streams-" + applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
