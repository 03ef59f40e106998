package io.streamsuite.metrics;

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
class MetricsVersionedOutputsTest {

    private static final OutputVersion V2 = OutputVersion.of("v2");
    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://metrics-versioned"));

    @Test
    void aV2DeploymentWritesEveryDeclaredOutputUnderItsVersionAndReadsTheSameInputs() {
        Topology topology = MetricsTopology.build(MetricsSettings.defaults(), serdes, V2);
        TopologyView view = TopologyView.of(topology.describe());
        List<String> outputs = names(MetricsTopics.specs(), TopicSpec.Role.OUTPUT);

        assertThat(V2.unversionedOutputs(topology, MetricsTopics.specs(V2))).isEmpty();
        assertThat(names(MetricsTopics.specs(V2), TopicSpec.Role.OUTPUT))
                .isEqualTo(outputs.stream().map(name -> name + ".v2").toList());
        assertThat(names(MetricsTopics.specs(V2), TopicSpec.Role.INPUT)).isEqualTo(names(MetricsTopics.specs(), TopicSpec.Role.INPUT));
        assertThat(view.sinkTopics()).filteredOn(topic -> !topic.endsWith("-repartition") && !topic.endsWith("-topic"))
                .containsExactlyInAnyOrderElementsOf(outputs.stream().map(name -> name + ".v2").toList());
        assertThat(view.sourceTopics()).filteredOn(topic -> !topic.endsWith("-repartition") && !topic.endsWith("-topic"))
                .containsExactlyInAnyOrderElementsOf(names(MetricsTopics.specs(), TopicSpec.Role.INPUT));
    }

    @Test
    void withoutAVersionTheTopologyIsTheOneDeployedToday() {
        assertThat(MetricsTopology.build(MetricsSettings.defaults(), serdes, OutputVersion.NONE).describe())
                .isEqualTo(MetricsTopology.build(MetricsSettings.defaults(), serdes).describe());
        assertThat(MetricsTopics.specs(OutputVersion.NONE)).isEqualTo(MetricsTopics.specs());
    }

    private static List<String> names(List<TopicSpec> specs, TopicSpec.Role role) {
        return specs.stream().filter(spec -> spec.role() == role).map(TopicSpec::name).toList();
    }
}
