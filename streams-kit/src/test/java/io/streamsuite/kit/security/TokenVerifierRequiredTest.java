package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.StartupRefusals;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Security is on whatever the configuration: without a way to verify tokens the service does not start. */
@WithKafkaStack
@ExtendWith(OutputCaptureExtension.class)
class TokenVerifierRequiredTest {

    private static final String JWT_KEY = "spring.security.oauth2.resourceserver.jwt.public-key-location";

    @Test
    void refusesToStartWithoutTokenVerifierSettingsAndNamesThemInOneLine(CapturedOutput output) {
        FailureAnalysis analysis = StartupRefusals.refusal(output, "--streams-kit.application-id=no-verifier",
                "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--streams-kit.schema-registry.url=mock://no-verifier");

        assertThat(analysis.getDescription()).doesNotContain("\n")
                .startsWith("REST security needs to know which tokens to trust: set " + JWT_KEY)
                .contains(".jwk-set-uri or .issuer-uri");
        assertThat(analysis.getAction()).isEqualTo("Set " + JWT_KEY + " and start again.");
    }
}
