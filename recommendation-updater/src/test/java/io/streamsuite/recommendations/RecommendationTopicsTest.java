package io.streamsuite.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.tools.StreamsResetter;
import org.junit.jupiter.api.Test;

class RecommendationTopicsTest {

    @Test
    void internalTopicsTheTopologyWritesAreTheDeclaredOnes() {
        TopologyDescription description = RecommendationTopology.build(RecommendationSettings.defaults(),
                AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://topics"))).describe();
        Set<String> written = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Sink sink) {
                    written.add(sink.topic());
                }
            }
        }
        written.removeAll(Set.of(RecommendationTopics.RECOMMENDATIONS, RecommendationTopics.CONVERSIONS,
                RecommendationTopics.RELATED_ITEMS));

        assertThat(written).isNotEmpty();
        assertThat(RecommendationTopics.internalTopics()).containsAll(written);
        assertThat(written).contains(RecommendationTopics.STOCK_BY_USER + "-repartition");
    }

    @Test
    void deployedInternalTopicsAreInternalTopicsOfThisApplication() {
        assertThat(RecommendationTopics.DEPLOYED_INTERNAL_TOPICS).allSatisfy(topic -> {
            assertThat(topic).startsWith(RecommendationTopics.APPLICATION_ID + "-");
            assertThat(RecommendationTopics.internalTopics())
                    .contains(topic.substring(RecommendationTopics.APPLICATION_ID.length() + 1));
        });
    }

    @Test
    void resetDeletesEveryDeployedInternalTopic() {
        // The kit's reset deletes what Kafka's StreamsResetter counts as internal.
        assertThat(RecommendationTopics.DEPLOYED_INTERNAL_TOPICS).isNotEmpty()
                .allSatisfy(topic -> assertThat(StreamsResetter.matchesInternalTopicFormat(topic)).as(topic).isTrue());
    }
}
