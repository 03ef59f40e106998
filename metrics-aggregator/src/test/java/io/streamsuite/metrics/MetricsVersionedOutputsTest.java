package io.streamsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.serde.AvroSerdes;
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

        assertThat(V2.differencesFromLive(topology, MetricsTopics.specs(), MetricsTopics.specs(V2))).isEmpty();
    }

    @Test
    void withoutAVersionTheTopologyIsTheOneDeployedToday() {
        assertThat(MetricsTopology.build(MetricsSettings.defaults(), serdes, OutputVersion.NONE).describe())
                .isEqualTo(MetricsTopology.build(MetricsSettings.defaults(), serdes).describe());
        assertThat(MetricsTopics.specs(OutputVersion.NONE)).isEqualTo(MetricsTopics.specs());
    }
}
