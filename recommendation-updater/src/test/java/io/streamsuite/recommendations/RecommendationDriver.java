package io.streamsuite.recommendations;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.ItemConversion;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The recommendations topology in a TopologyTestDriver, with the kit's Avro serdes on an in-memory registry. */
public final class RecommendationDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final RecommendationSettings settings;
    private final TestInputTopic<String, UserInteraction> interactions;
    private final TestInputTopic<String, Item> items;
    private final TestOutputTopic<String, UserRecommendations> recommendations;
    private final TestOutputTopic<String, ItemConversion> conversions;

    public RecommendationDriver(RecommendationSettings settings) {
        this(settings, false);
    }

    /**
     * @param inMemory DSL stores in memory: the driver commits (and RocksDB window stores fsync a checkpoint)
     *                 after every record, which long runs on a busy machine cannot afford
     */
    public RecommendationDriver(RecommendationSettings settings, boolean inMemory) {
        this.settings = settings;
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://recs-" + UUID.randomUUID()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, RecommendationTopics.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        if (inMemory) {
            config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("recs-ttd").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RecommendationTopology.build(settings, serdes), config, Shop.T0);
        var strings = Serdes.String();
        interactions = driver.createInputTopic(RecommendationTopics.INTERACTIONS, strings.serializer(),
                serdes.valueSerde(UserInteraction.class).serializer());
        items = driver.createInputTopic(RecommendationTopics.ITEMS, strings.serializer(),
                serdes.valueSerde(Item.class).serializer());
        recommendations = driver.createOutputTopic(RecommendationTopics.RECOMMENDATIONS, strings.deserializer(),
                serdes.valueSerde(UserRecommendations.class).deserializer());
        conversions = driver.createOutputTopic(RecommendationTopics.CONVERSIONS, strings.deserializer(),
                serdes.valueSerde(ItemConversion.class).deserializer());
    }

    public RecommendationDriver item(String itemId, String category, boolean inStock) {
        items.pipeInput(itemId, Shop.item(itemId, category, inStock), Shop.T0);
        return this;
    }

    public RecommendationDriver act(String userId, String itemId, InteractionType type, Instant at) {
        interactions.pipeInput(userId, Shop.interaction(userId, itemId, type, at), at);
        return this;
    }

    /** Every recommendation update published since the last call, oldest first. */
    public List<UserRecommendations> published() {
        return recommendations.readValuesToList();
    }

    public List<ItemConversion> conversions() {
        return conversions.readValuesToList();
    }

    /** The user's current recommendations as the REST API reads them (the store), item ids best first. */
    public List<String> recommendedTo(String userId) {
        KeyValueStore<String, ValueAndTimestamp<UserRecommendations>> store =
                driver.getTimestampedKeyValueStore(RecommendationTopics.RECOMMENDATIONS_STORE);
        ValueAndTimestamp<UserRecommendations> found = store.get(userId);
        return found == null ? List.of() : found.value().getItems().stream().map(RecommendedItem::getItemId).toList();
    }

    public RelatedItems relatedTo(String itemId) {
        KeyValueStore<String, RelatedItems> store = driver.getKeyValueStore(RecommendationTopics.RELATED_ITEMS_STORE);
        return store.get(itemId);
    }

    /** Lets wall-clock time pass until every user of a task has been re-scored once (the refresh's batches). */
    public RecommendationDriver refreshEveryone(int users) {
        for (int batch = 0; batch <= users / settings.refreshBatch() + 1; batch++) {
            driver.advanceWallClockTime(settings.refreshEvery());
        }
        return this;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
