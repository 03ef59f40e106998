package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleStreamsService;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The example service writes its output under a constant name: started as a reprocessing deployment
 * ({@code streams-kit.output-version=v2}) it would write into the live topic, so it refuses in one line, before the
 * kit creates the service's topics (the replay log and audit trail belong to beans that start earlier).
 */
@WithKafkaStack
@ExtendWith(OutputCaptureExtension.class)
class UnversionedOutputsRefusalTest {

    @Test
    void aServiceThatDoesNotNameItsOutputsThroughTheVersionRefusesToStartAsAVersionedDeployment(CapturedOutput output)
            throws Exception {
        String applicationId = KafkaStack.uniqueName("refusal-unversioned");
        FailureAnalysis analysis = StartupRefusals.refusal(output, "--streams-kit.application-id=" + applicationId,
                "--streams-kit.bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--streams-kit.schema-registry.url=mock://refusal-unversioned",
                "--streams-kit.output-version=v2",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation());

        assertThat(analysis.getDescription()).doesNotContain("\n").startsWith("streams-kit.output-version is v2 but ")
                .contains("the topology writes " + ExampleStreamsService.OUTPUT + ", not " + ExampleStreamsService.OUTPUT + ".v2")
                .contains("output " + ExampleStreamsService.OUTPUT + " is declared without .v2");
        assertThat(analysis.getAction()).isEqualTo("Set streams-kit.output-version and start again.");
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).as("no service topic or dead-letter topic created for the refused deployment")
                    .doesNotContain(applicationId + ".dlq", ExampleStreamsService.OUTPUT + ".v2");
        }
    }
}
