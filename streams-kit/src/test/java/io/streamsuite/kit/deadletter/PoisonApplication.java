package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.test.KafkaStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A Spring Boot service around {@link PoisonService}: the kit does the rest, as for any real service. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PoisonApplication {

    @Bean
    PoisonService poisonService(@Value("${poison.topic-prefix}") String topicPrefix) {
        return new PoisonService(topicPrefix);
    }

    /** Starts one instance on a free port against the test stack, with a fresh application id and topics. */
    static ConfigurableApplicationContext start(String name) {
        String applicationId = KafkaStack.uniqueName(name);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("poison.topic-prefix", applicationId);
        props.put("streams-kit.application-id", applicationId);
        props.put("streams-kit.bootstrap-servers", KafkaStack.bootstrapServers());
        props.put("streams-kit.schema-registry.url", KafkaStack.schemaRegistryUrl());
        props.put("streams-kit.schema-registry.max-retries", 0);
        props.put("streams-kit.schema-registry.request-timeout", "2s");
        props.put("streams-kit.state-dir", tempDir(applicationId));
        props.put("spring.main.banner-mode", "off");
        // A replaced stream thread waits for the dead member's session to expire; keep that short in tests.
        props.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        props.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        return new SpringApplicationBuilder(PoisonApplication.class).properties(props).run();
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("kit-" + applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
