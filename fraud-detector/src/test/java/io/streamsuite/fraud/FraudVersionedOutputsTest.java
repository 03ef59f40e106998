package io.streamsuite.fraud;

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
class FraudVersionedOutputsTest {

    private static final OutputVersion V2 = OutputVersion.of("v2");
    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://fraud-versioned"));

    @Test
    void aV2DeploymentWritesEveryDeclaredOutputUnderItsVersionAndReadsTheSameInputs() {
        Topology topology = FraudTopology.build(FraudSettings.defaults(), serdes, V2);

        assertThat(V2.differencesFromLive(topology, FraudTopics.specs(), FraudTopics.specs(V2))).isEmpty();
    }

    @Test
    void withoutAVersionTheTopologyIsTheOneDeployedToday() {
        assertThat(FraudTopology.build(FraudSettings.defaults(), serdes, OutputVersion.NONE).describe())
                .isEqualTo(FraudTopology.build(FraudSettings.defaults(), serdes).describe());
        assertThat(FraudTopics.specs(OutputVersion.NONE)).isEqualTo(FraudTopics.specs());
    }
}
