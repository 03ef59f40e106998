package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code streams-kit.output-version}: which suffixes are topic-safe, what names it gives, and what it refuses. */
@ExtendWith(OutputCaptureExtension.class)
class OutputVersionTest {

    @Test
    void appendsTheVersionAfterADotAndLeavesNamesAloneWhenEmpty() {
        assertThat(OutputVersion.of("v2").topic("fraud.alerts")).isEqualTo("fraud.alerts.v2");
        assertThat(OutputVersion.of("2026-12-rerun").topic("shop.related-items")).isEqualTo("shop.related-items.2026-12-rerun");
        assertThat(OutputVersion.of("").topic("fraud.alerts")).isEqualTo("fraud.alerts");
        assertThat(OutputVersion.of(null).topic("fraud.alerts")).isEqualTo("fraud.alerts");
        assertThat(OutputVersion.of("  ").isVersioned()).isFalse();
        assertThat(OutputVersion.NONE.isVersioned()).isFalse();
        assertThat(OutputVersion.of(" v3 ").topic("iot.alerts")).isEqualTo("iot.alerts.v3");
    }

    @ParameterizedTest
    @ValueSource(strings = {".v2", "v2.1", "v_2", "-v2", "v/2", "v 2", "v2!", "vé", "../x",
            "a23456789012345678901234567890123"})
    void refusesASuffixThatIsNotSafeInATopicNameNamingTheSetting(String version) {
        assertThatThrownBy(() -> OutputVersion.of(version))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("streams-kit.output-version");
                    assertThat(e.getMessage()).contains("'" + version.trim() + "'").contains("letters, digits or dashes");
                });
    }

    @Test
    void acceptsThirtyTwoCharactersButRefusesANameOverKafkasLimit() {
        OutputVersion longest = OutputVersion.of("a2345678901234567890123456789012");
        assertThat(longest.topic("x")).hasSize(34);

        String base = "t".repeat(OutputVersion.MAX_TOPIC_NAME_LENGTH - 3);
        assertThat(OutputVersion.of("v2").topic(base)).hasSize(OutputVersion.MAX_TOPIC_NAME_LENGTH);
        assertThatThrownBy(() -> OutputVersion.of("v22").topic(base))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("longer than Kafka's 249 characters");
    }

    @Test
    void aVersionedTopologyWhoseOutputsAllCarryTheVersionPasses() {
        OutputVersion v2 = OutputVersion.of("v2");
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(v2.topic("out.table"));
        builder.stream("in").repartition(Repartitioned.as("by-x")).to(v2.topic("out.table"));

        assertThat(v2.unversionedOutputs(builder.build(),
                List.of(TopicSpec.input("in"), TopicSpec.output(v2.topic("out.table"))))).isEmpty();
        assertThat(OutputVersion.NONE.unversionedOutputs(builder.build(), List.of(TopicSpec.output("anything")))).isEmpty();
    }

    @Test
    void aVersionedDeploymentDiffersFromTheLiveOneOnlyInItsOutputNames() {
        OutputVersion v2 = OutputVersion.of("v2");
        List<TopicSpec> live = List.of(TopicSpec.input("in"), TopicSpec.output("out.table"));
        List<TopicSpec> declared = List.of(TopicSpec.input("in"), TopicSpec.output("out.table.v2"));
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(v2.topic("out.table"));
        builder.stream("in").repartition(Repartitioned.as("by-x")).to(v2.topic("out.table"));

        assertThat(v2.differencesFromLive(builder.build(), live, declared)).isEmpty();
    }

    @Test
    void saysAnInputNotReadAStrayTopicAndOutputsThatAreNotTheLiveOnesVersioned() {
        OutputVersion v2 = OutputVersion.of("v2");
        List<TopicSpec> live = List.of(TopicSpec.input("in"), TopicSpec.input("in2"), TopicSpec.output("out"));
        List<TopicSpec> declared = List.of(TopicSpec.input("in"), TopicSpec.input("in2"), TopicSpec.output("other.v2"));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("other.v2");
        builder.stream("elsewhere").to("stray.v2");

        assertThat(v2.differencesFromLive(builder.build(), live, declared)).containsExactlyInAnyOrder(
                "declared outputs [other.v2] are not the live ones under v2",
                "the topology writes stray.v2, which is not a declared output",
                "the topology does not read input in2",
                "the topology reads elsewhere, neither an input nor a versioned output");
    }

    @Test
    void findsASinkADeclarationAndAReadBackThatMissTheVersion() {
        OutputVersion v2 = OutputVersion.of("v2");
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("out.table");
        builder.stream("in").to(v2.topic("out.table"));
        builder.stream("in2").to("out.stream");
        Topology topology = builder.build();

        assertThat(v2.unversionedOutputs(topology, List.of(TopicSpec.input("in"), TopicSpec.output("out.stream"),
                TopicSpec.output("out.table.v2")))).containsExactlyInAnyOrder(
                "the topology writes out.stream, not out.stream.v2",
                "output out.stream is declared without .v2",
                "the topology reads out.table back, not out.table.v2");
    }

    @Test
    void aServiceStartedWithAnUnsafeOutputVersionRefusesInOneLineNamingTheSetting(CapturedOutput output) {
        FailureAnalysis analysis = StartupRefusals.refusal(output, "--streams-kit.application-id=refusal-version",
                "--streams-kit.bootstrap-servers=localhost:1", "--streams-kit.schema-registry.url=mock://refusal-version",
                "--streams-kit.output-version=v2.1",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:none.pem");

        assertThat(analysis.getDescription()).doesNotContain("\n").startsWith("Invalid settings: ")
                .contains("set streams-kit.output-version to 1 to 32 letters, digits or dashes");
    }
}
