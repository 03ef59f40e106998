package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.example.ExampleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A service started without its required settings stops at once and says which ones, before touching Kafka. */
class MissingSettingsTest {

    @Test
    void failsFastNamingEveryMissingSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ExampleApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off"))
                .hasStackTraceContaining("streams-kit.application-id")
                .hasStackTraceContaining("streams-kit.bootstrap-servers")
                .hasStackTraceContaining("streams-kit.schema-registry.url");
    }

    @Test
    void namesTheEnvironmentVariableToSet() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ExampleApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--streams-kit.application-id=example",
                        "--streams-kit.schema-registry.url=mock://missing-settings"))
                .hasStackTraceContaining("set streams-kit.bootstrap-servers (env KAFKA_BOOTSTRAP_SERVERS)");
    }
}
