package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.example.ExampleApplication;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Security is on whatever the configuration: without a way to verify tokens the service does not start. */
@WithKafkaStack
class TokenVerifierRequiredTest {

    @Test
    void refusesToStartWithoutTokenVerifierSettingsAndNamesThem() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ExampleApplication.class)
                .run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                        "--streams-kit.application-id=no-verifier", "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                        "--streams-kit.schema-registry.url=mock://no-verifier",
                        "--streams-kit.state-dir=target/no-verifier-state"))
                .hasStackTraceContaining("REST security needs to know which tokens to trust")
                .hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.public-key-location");
    }
}
