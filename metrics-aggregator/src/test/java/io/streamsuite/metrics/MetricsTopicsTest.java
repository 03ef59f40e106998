package io.streamsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.state.CommitHook;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class MetricsTopicsTest {

    @Test
    void theInternalTopicsListedForDeploymentsAreExactlyThoseTheTopologyUses() {
        TopologyDescription description = MetricsTopology.build(MetricsSettings.defaults(),
                AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://metrics-topics"))).describe();
        Set<String> internal = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                    internal.add(MetricsTopics.APPLICATION_ID + "-" + sink.topic());
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().stream().filter(store -> !MetricsTopics.unloggedStores().contains(store))
                            .forEach(store -> internal.add(MetricsTopics.changelog(store)));
                }
            }
        }
        assertThat(internal).containsExactlyInAnyOrderElementsOf(MetricsTopics.internalTopics());
        assertThat(description.subtopologies()).as("sessions + page stage, page windows, top pages").hasSize(3);
        assertThat(MetricsTopics.unloggedStores()).as("the stores left out have no changelog")
                .allSatisfy(store -> assertThat(CommitHook.builder(store).loggingEnabled()).isFalse());
    }
}
