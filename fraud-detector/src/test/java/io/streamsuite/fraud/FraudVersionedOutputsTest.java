package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.topology.TopologyView;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * With {@code streams-kit.output-version=v2} (a reprocessing deployment) the service writes only its versioned
 * outputs and still reads its inputs: the kit would start it ({@link OutputVersion#unversionedOutputs} is empty).
 */
class FraudVersionedOutputsTest {

    private static final OutputVersion V2 = OutputVersion.of("v2");
    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://fraud-versioned"));

    @Test
    void aV2DeploymentWritesEveryDeclaredOutputUnderItsVersionAndReadsTheSameInputs() {
        Topology topology = FraudTopology.build(FraudSettings.defaults(), serdes, V2);
        TopologyView view = TopologyView.of(topology.describe());
        List<String> outputs = names(FraudTopics.specs(), TopicSpec.Role.OUTPUT);

        assertThat(V2.unversionedOutputs(topology, FraudTopics.specs(V2))).isEmpty();
        assertThat(names(FraudTopics.specs(V2), TopicSpec.Role.OUTPUT))
                .isEqualTo(outputs.stream().map(name -> name + ".v2").toList());
        assertThat(names(FraudTopics.specs(V2), TopicSpec.Role.INPUT)).isEqualTo(names(FraudTopics.specs(), TopicSpec.Role.INPUT));
        assertThat(view.sinkTopics()).filteredOn(topic -> !topic.endsWith("-repartition") && !topic.endsWith("-topic"))
                .containsExactlyInAnyOrderElementsOf(outputs.stream().map(name -> name + ".v2").toList());
        assertThat(view.sourceTopics()).filteredOn(topic -> !topic.endsWith("-repartition") && !topic.endsWith("-topic"))
                .containsExactlyInAnyOrderElementsOf(names(FraudTopics.specs(), TopicSpec.Role.INPUT));
    }

    @Test
    void withoutAVersionTheTopologyIsTheOneDeployedToday() {
        assertThat(FraudTopology.build(FraudSettings.defaults(), serdes, OutputVersion.NONE).describe())
                .isEqualTo(FraudTopology.build(FraudSettings.defaults(), serdes).describe());
        assertThat(FraudTopics.specs(OutputVersion.NONE)).isEqualTo(FraudTopics.specs());
    }

    private static List<String> names(List<TopicSpec> specs, TopicSpec.Role role) {
        return specs.stream().filter(spec -> spec.role() == role).map(TopicSpec::name).toList();
    }
}
