package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A service that refuses to start over its settings says so in one line naming the setting, not with an
 * exception chain: the kit's analyzer is registered, comes first, and Spring prints its report instead of the trace.
 * None of these starts reach Kafka (the refusal comes first), so no broker is needed; the missing token verifier
 * (refused after the dead-letter beans have listed topics) is in {@code security.TokenVerifierRequiredTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalAnalyzerTest {

    private static final String JWT_KEY = "spring.security.oauth2.resourceserver.jwt.public-key-location";

    @Test
    void missingKitSettingsAreOneLineNamingEachSettingAndItsEnvironmentVariable(CapturedOutput output) {
        FailureAnalysis analysis = StartupRefusals.refusal(output, "--streams-kit.application-id=refusal-missing",
                "--streams-kit.schema-registry.url=", "--" + JWT_KEY + "=classpath:none.pem");

        assertThat(analysis.getDescription()).doesNotContain("\n").startsWith("Invalid settings: ")
                .contains("set streams-kit.bootstrap-servers (env KAFKA_BOOTSTRAP_SERVERS)")
                .contains("streams-kit.schema-registry.url");
    }

    @Test
    void aKitValueThatIsNotANumberIsOneLineNamingTheSettingAndTheValue(CapturedOutput output) {
        FailureAnalysis analysis = StartupRefusals.refusal(output, "--streams-kit.application-id=refusal-type",
                "--streams-kit.bootstrap-servers=localhost:1", "--streams-kit.schema-registry.url=mock://refusal-type",
                "--streams-kit.failures.fatal-attempts=three", "--" + JWT_KEY + "=classpath:none.pem");

        assertThat(analysis.getDescription()).doesNotContain("\n")
                .startsWith("Invalid value 'three' for streams-kit.failures.fatal-attempts: ");
    }

    @Test
    void analyzesAServicesOwnInvalidSettingFoundDeepInTheCauseChain() {
        Exception failure = new IllegalStateException("Error creating bean 'fraudSettings'",
                new InvalidSettingException("fraud.card-token.secret", "set fraud.card-token.secret\n(env FRAUD_CARD_TOKEN_SECRET)"));

        FailureAnalysis analysis = new StartupRefusalAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("set fraud.card-token.secret (env FRAUD_CARD_TOKEN_SECRET)");
        assertThat(new StartupRefusalAnalyzer().analyze(new IllegalStateException("something else"))).isNull();
    }
}
