package io.streamsuite.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.topology.TopologyView;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.Test;

/**
 * With {@code streams-kit.output-version=v2} (a reprocessing deployment) the service writes only its versioned
 * outputs, reads its related items back from the versioned topic, and still reads its inputs: the kit would start it ({@link OutputVersion#unversionedOutputs} is empty).
 */
class RecommendationVersionedOutputsTest {

    private static final OutputVersion V2 = OutputVersion.of("v2");
    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://recommendations-versioned"));

    @Test
    void aV2DeploymentWritesEveryDeclaredOutputUnderItsVersionAndReadsTheSameInputs() {
        Topology topology = RecommendationTopology.build(RecommendationSettings.defaults(), serdes, V2);

        assertThat(V2.differencesFromLive(topology, RecommendationTopics.specs(), RecommendationTopics.specs(V2))).isEmpty();
        // Its related items come back from the versioned topic, not the live one.
        assertThat(TopologyView.of(topology.describe()).sourceTopics()).contains(RecommendationTopics.RELATED_ITEMS + ".v2");
    }

    @Test
    void withoutAVersionTheTopologyIsTheOneDeployedToday() {
        assertThat(RecommendationTopology.build(RecommendationSettings.defaults(), serdes, OutputVersion.NONE).describe())
                .isEqualTo(RecommendationTopology.build(RecommendationSettings.defaults(), serdes).describe());
        assertThat(RecommendationTopics.specs(OutputVersion.NONE)).isEqualTo(RecommendationTopics.specs());
    }

    /** Related items go out on the .v2 topic and come back through the global table: bob is recommended B. */
    @Test
    void aV2DeploymentScoresCandidatesWithTheRelatedItemsItWroteToItsOwnVersionedTopic() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, RecommendationTopics.APPLICATION_ID + "-v2");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("recs-v2-ttd").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RecommendationTopology.build(RecommendationSettings.defaults(), serdes, V2), config, Shop.T0)) {
            var strings = Serdes.String();
            TestInputTopic<String, Item> items = driver.createInputTopic(RecommendationTopics.ITEMS, strings.serializer(),
                    serdes.valueSerde(Item.class).serializer());
            TestInputTopic<String, UserInteraction> interactions = driver.createInputTopic(RecommendationTopics.INTERACTIONS,
                    strings.serializer(), serdes.valueSerde(UserInteraction.class).serializer());
            items.pipeInput("A", Shop.item("A", "books", true), Shop.T0);
            items.pipeInput("B", Shop.item("B", "books", true), Shop.T0);
            act(interactions, "alice", "A", InteractionType.PURCHASE, Shop.T0);
            act(interactions, "alice", "B", InteractionType.PURCHASE, Shop.T0.plusSeconds(60));
            act(interactions, "bob", "A", InteractionType.VIEW, Shop.T0.plusSeconds(120));

            RelatedItems fromV2Topic = driver.<String, RelatedItems>getKeyValueStore(
                    RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE).get("A");
            assertThat(fromV2Topic.getRelated()).extracting(related -> related.getItemId()).containsExactly("B");
            List<UserRecommendations> published = driver.createOutputTopic(RecommendationTopics.RECOMMENDATIONS + ".v2",
                    strings.deserializer(), serdes.valueSerde(UserRecommendations.class).deserializer()).readValuesToList();
            assertThat(published).filteredOn(r -> r.getUserId().equals("bob")).last()
                    .satisfies(bob -> assertThat(bob.getItems()).extracting(RecommendedItem::getItemId).containsExactly("B"));
            assertThat(driver.producedTopicNames()).contains(RecommendationTopics.RELATED_ITEMS + ".v2",
                    RecommendationTopics.RECOMMENDATIONS + ".v2").doesNotContain(RecommendationTopics.RELATED_ITEMS,
                    RecommendationTopics.RECOMMENDATIONS, RecommendationTopics.CONVERSIONS);
        }
    }

    private static void act(TestInputTopic<String, UserInteraction> interactions, String user, String item,
                            InteractionType type, Instant at) {
        interactions.pipeInput(user, Shop.interaction(user, item, type, at), at);
    }
}
