package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.RecommendationTopics.BY_USER_REPARTITION;
import static io.streamsuite.recommendations.RecommendationTopics.CANDIDATES_REPARTITION;
import static io.streamsuite.recommendations.RecommendationTopics.CANDIDATES_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.CATALOG_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.CONVERSIONS;
import static io.streamsuite.recommendations.RecommendationTopics.CONVERSIONS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.COUNTED_PURCHASES_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.FUNNEL_BY_ITEM;
import static io.streamsuite.recommendations.RecommendationTopics.INTERACTIONS;
import static io.streamsuite.recommendations.RecommendationTopics.INTERACTIONS_BY_ITEM;
import static io.streamsuite.recommendations.RecommendationTopics.IN_STOCK_CANDIDATES_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.ITEMS;
import static io.streamsuite.recommendations.RecommendationTopics.PAIRS_REPARTITION;
import static io.streamsuite.recommendations.RecommendationTopics.RECOMMENDATIONS;
import static io.streamsuite.recommendations.RecommendationTopics.RECOMMENDATIONS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.STOCK_JOIN;
import static io.streamsuite.recommendations.RecommendationTopics.TRENDING_BY_CATEGORY;
import static io.streamsuite.recommendations.RecommendationTopics.TRENDING_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.USER_CANDIDATES_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.USER_HISTORY_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.VIEW_PURCHASE_JOIN;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.WaitForRegistry;
import io.streamsuite.recommendations.conversion.ConversionCounts;
import io.streamsuite.recommendations.conversion.CountOncePerPurchase;
import io.streamsuite.recommendations.conversion.Funnel;
import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.cooccurrence.RelatedItemsAggregator;
import io.streamsuite.recommendations.history.HistoryProcessor;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.recommendations.history.UserHistory;
import io.streamsuite.recommendations.recommend.Candidate;
import io.streamsuite.recommendations.recommend.UserCandidates;
import io.streamsuite.recommendations.trending.Trending;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.ItemConversion;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.TrendingItems;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The recommendations topology, a plain function of its settings and serdes.
 *
 * <pre>
 * shop.interactions (key: user)
 *   ├→ history (recs.user-history: last N items, last P purchases, offered candidates)
 *   │    reads recs.related-items-global to score the user's candidates (and re-scores a batch of users
 *   │    every recommendations.recommend.refresh-every, wall clock)
 *   │    ├→ pair batches ─[co-occurrence-pairs]→ related items (recs.related-items, top M, decayed; cached:
 *   │    │      once per item and commit)        → shop.related-items ─→ global store recs.related-items-global
 *   │    └→ candidate rows "user/item" ─[candidates]→ table recs.candidates
 *   │           ⋈ (foreign key: item) table recs.catalog  ← shop.items (key: item)     [stock-join]
 *   │           → recs.in-stock-candidates ─[recommendations-by-user]→ recs.user-candidates
 *   │           → top K: recs.recommendations → shop.recommendations
 *   ├→ purchases ⋈ views of the same user within 30 min, view first   [view-purchase]
 *   │    → once per purchase (recs.counted-purchases) → conversion by item ┐
 *   └→ [interactions-by-item] ⋈ recs.catalog (category)                    │
 *        ├→ views ──────────────────────────────────────[funnel-by-item]─→ 1 h windows recs.conversions → shop.conversions
 *        └→ [trending-by-category] → 1 min buckets, top K × 5 each: recs.trending (a 10 min window = its buckets)
 * </pre>
 *
 * <p><b>Stock reaching every recommendation.</b> A user's candidates are rows of a table keyed by
 * user and item, joined by foreign key (the item) to the catalog. When an item goes out of stock, the
 * join's subscription store already knows every row that references it, so each of those rows leaves the
 * in-stock result at once; the aggregate by user drops it and the next best candidate takes its place,
 * all without the user doing anything, and it comes back the same way when restocked. The alternatives
 * were worse: filtering at the user's next interaction is not "at once"; a reverse index item → users
 * kept by hand is the subscription store written again; broadcasting stock changes to every user
 * partition replicates the catalog per partition. The subscription state is bounded: it holds one entry
 * per live candidate row, the history processor holds at most {@code candidates} rows per user and
 * deletes (tombstones) every row it stops offering, so it is at most users × candidates, whatever the
 * number of interactions. Candidates whose score barely moved are not re-sent, so the join sees a
 * fraction of the interactions.
 *
 * <p>Related items are computed per item (a repartition), then read by the user side from a global
 * table of their compacted output topic: scoring a user's candidates needs the related items of up to N
 * items, which live on other partitions. A view of A therefore sees the co-occurrences of A up to the
 * moment the global copy caught up (milliseconds in practice).
 */
public final class RecommendationTopology {

    /** Interactions are placed in time by their own event time; other records by their record timestamp. */
    static final TimestampExtractor EVENT_TIME = (record, partitionTime) -> {
        if (record.value() instanceof UserInteraction interaction && interaction.getEventTime() != null) {
            return interaction.getEventTime().toEpochMilli();
        }
        return Math.max(0, record.timestamp());
    };

    private RecommendationTopology() {
    }

    public static Topology build(RecommendationSettings settings, AvroSerdes serdes) {
        return build(settings, serdes, OutputVersion.NONE);
    }

    /**
     * As {@link #build(RecommendationSettings, AvroSerdes)}, writing the outputs under their versioned names and
     * reading its own versioned related items back.
     */
    public static Topology build(RecommendationSettings settings, AvroSerdes serdes, OutputVersion outputs) {
        Serde<String> strings = Serdes.String();
        Serde<UserInteraction> interactionSerde = serdes.valueSerde(UserInteraction.class);
        Serde<Item> itemSerde = serdes.valueSerde(Item.class);
        Serde<RelatedItems> relatedSerde = serdes.valueSerde(RelatedItems.class);
        Serde<UserRecommendations> recommendationSerde = serdes.valueSerde(UserRecommendations.class);
        Serde<ItemConversion> conversionSerde = serdes.valueSerde(ItemConversion.class);
        Serde<TrendingItems> trendingSerde = serdes.valueSerde(TrendingItems.class);

        StreamsBuilder builder = new StreamsBuilder();
        // The global thread cannot be replaced, so its reads wait out a registry outage rather than fail.
        builder.globalTable(outputs.topic(RELATED_ITEMS),
                Consumed.with(strings, WaitForRegistry.serde(relatedSerde)).withName("related-items-global-source"),
                Materialized.<String, RelatedItems, KeyValueStore<Bytes, byte[]>>as(RELATED_ITEMS_GLOBAL_STORE)
                        .withKeySerde(strings).withValueSerde(WaitForRegistry.serde(relatedSerde)));
        KTable<String, Item> catalog = builder.table(ITEMS,
                Consumed.with(strings, itemSerde).withTimestampExtractor(EVENT_TIME).withName("items-source"),
                Materialized.<String, Item, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(strings).withValueSerde(itemSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_HISTORY_STORE),
                strings, UserHistory.SERDE));
        // In memory: it holds only the last join window's purchase ids and is restored from its changelog.
        Duration countedFor = settings.conversionWithin().plus(settings.grace());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(COUNTED_PURCHASES_STORE, countedFor, Duration.ofMillis(1), false),
                strings, Serdes.Long()));

        KStream<String, UserInteraction> interactions = builder
                .stream(INTERACTIONS, Consumed.with(strings, interactionSerde).withTimestampExtractor(EVENT_TIME)
                        .withName("interactions-source"))
                .filter((userId, interaction) -> interaction != null, Named.as("skip-tombstones"));

        KStream<String, HistoryUpdate> updates = interactions.process(() -> new HistoryProcessor(settings),
                Named.as("user-history"), USER_HISTORY_STORE);
        coOccurrence(updates, settings, strings, relatedSerde, outputs);
        recommendations(updates, catalog, settings, strings, recommendationSerde, outputs);
        KStream<String, UserInteraction> byItem = interactions
                .selectKey((userId, interaction) -> interaction.getItemId(), Named.as("key-by-item"))
                .repartition(Repartitioned.with(strings, interactionSerde).withName(INTERACTIONS_BY_ITEM));
        conversions(interactions, byItem, settings, strings, interactionSerde, conversionSerde, outputs);
        trending(byItem, catalog, settings, strings, interactionSerde, itemSerde, trendingSerde);
        return builder.build();
    }

    private static void coOccurrence(KStream<String, HistoryUpdate> updates, RecommendationSettings settings,
                                     Serde<String> strings, Serde<RelatedItems> relatedSerde, OutputVersion outputs) {
        updates.flatMap((userId, update) -> update.pairs(), Named.as("pair-batches"))
                .repartition(Repartitioned.with(strings, PairBatch.SERDE).withName(PAIRS_REPARTITION))
                .groupByKey(Grouped.with(strings, PairBatch.SERDE))
                .aggregate(RelatedItemsAggregator::none,
                        new RelatedItemsAggregator(settings.relatedSize(), settings.halfLife()), Named.as("related-items"),
                        Materialized.<String, RelatedItems, KeyValueStore<Bytes, byte[]>>as(RELATED_ITEMS_STORE)
                                .withKeySerde(strings).withValueSerde(relatedSerde))
                .toStream(Named.as("related-items-changes"))
                .to(outputs.topic(RELATED_ITEMS), Produced.with(strings, relatedSerde).withName("related-items-sink"));
    }

    private static void recommendations(KStream<String, HistoryUpdate> updates, KTable<String, Item> catalog,
                                        RecommendationSettings settings, Serde<String> strings,
                                        Serde<UserRecommendations> recommendationSerde, OutputVersion outputs) {
        KTable<String, Candidate> candidates = updates
                .flatMap((userId, update) -> update.candidates(), Named.as("candidate-rows"))
                .toTable(Named.as(CANDIDATES_REPARTITION),
                        Materialized.<String, Candidate, KeyValueStore<Bytes, byte[]>>as(CANDIDATES_STORE)
                                .withKeySerde(strings).withValueSerde(Candidate.SERDE));
        KTable<String, Candidate> inStock = candidates.join(catalog, Candidate::itemId,
                (candidate, item) -> Boolean.FALSE.equals(item.getInStock()) ? null : candidate,
                TableJoined.as(STOCK_JOIN),
                Materialized.<String, Candidate, KeyValueStore<Bytes, byte[]>>as(IN_STOCK_CANDIDATES_STORE)
                        .withKeySerde(strings).withValueSerde(Candidate.SERDE));
        inStock.groupBy((key, candidate) -> KeyValue.pair(candidate.userId(), candidate),
                        Grouped.with(BY_USER_REPARTITION, strings, Candidate.SERDE))
                .aggregate(UserCandidates::empty, UserCandidates::add, UserCandidates::remove,
                        Named.as("user-candidates"),
                        Materialized.<String, UserRecommendations, KeyValueStore<Bytes, byte[]>>as(USER_CANDIDATES_STORE)
                                .withKeySerde(strings).withValueSerde(recommendationSerde))
                .mapValues(all -> UserCandidates.top(all, settings.recommendations()), Named.as("top-recommendations"),
                        Materialized.<String, UserRecommendations, KeyValueStore<Bytes, byte[]>>as(RECOMMENDATIONS_STORE)
                                .withKeySerde(strings).withValueSerde(recommendationSerde))
                .toStream(Named.as("recommendation-changes"))
                .to(outputs.topic(RECOMMENDATIONS), Produced.with(strings, recommendationSerde).withName("recommendations-sink"));
    }

    private static void conversions(KStream<String, UserInteraction> interactions, KStream<String, UserInteraction> byItem,
                                    RecommendationSettings settings, Serde<String> strings,
                                    Serde<UserInteraction> interactionSerde, Serde<ItemConversion> conversionSerde,
                                    OutputVersion outputs) {
        KStream<String, UserInteraction> views = interactions.filter(
                (userId, interaction) -> interaction.getType() == InteractionType.VIEW, Named.as("views"));
        KStream<String, Funnel> converted = interactions
                .filter((userId, interaction) -> interaction.getType() == InteractionType.PURCHASE, Named.as("purchases"))
                .join(views,
                        (purchase, view) -> purchase.getItemId().equals(view.getItemId()) ? purchase : null,
                        JoinWindows.ofTimeDifferenceAndGrace(settings.conversionWithin(), settings.grace())
                                .after(Duration.ZERO),
                        StreamJoined.with(strings, interactionSerde, interactionSerde)
                                .withName(VIEW_PURCHASE_JOIN).withStoreName(VIEW_PURCHASE_JOIN))
                .filter((userId, purchase) -> purchase != null, Named.as("same-item-only"))
                .process(CountOncePerPurchase::new, Named.as("once-per-purchase"), COUNTED_PURCHASES_STORE)
                .map((userId, purchase) -> KeyValue.pair(purchase.getItemId(), Funnel.CONVERSION), Named.as("conversion-step"));
        byItem.filter((itemId, interaction) -> interaction.getType() == InteractionType.VIEW, Named.as("item-views"))
                .mapValues(view -> Funnel.VIEW, Named.as("view-step"))
                .merge(converted, Named.as("funnel-steps"))
                .groupByKey(Grouped.with(FUNNEL_BY_ITEM, strings, Funnel.SERDE))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.conversionWindow(), settings.grace()))
                .aggregate(ConversionCounts::empty, ConversionCounts::add, Named.as("conversion-counts"),
                        Materialized.<String, ItemConversion, WindowStore<Bytes, byte[]>>as(CONVERSIONS_STORE)
                                .withKeySerde(strings).withValueSerde(conversionSerde)
                                .withRetention(settings.windowRetention()))
                .toStream(Named.as("conversion-changes"))
                .map((window, counts) -> KeyValue.pair(window.key(), ConversionCounts.inWindow(counts,
                        window.window().startTime(), window.window().endTime())), Named.as("conversion-in-window"))
                .to(outputs.topic(CONVERSIONS), Produced.with(strings, conversionSerde).withName("conversions-sink"));
    }

    private static void trending(KStream<String, UserInteraction> byItem, KTable<String, Item> catalog,
                                 RecommendationSettings settings, Serde<String> strings,
                                 Serde<UserInteraction> interactionSerde, Serde<Item> itemSerde,
                                 Serde<TrendingItems> trendingSerde) {
        Trending trending = new Trending(settings.trendingSize());
        byItem.join(catalog,
                        (interaction, item) -> Trending.single(item.getCategory(), interaction.getItemId(),
                                settings.weights().of(interaction)),
                        Joined.with(strings, interactionSerde, itemSerde).withName("item-category"))
                .filter((itemId, signal) -> signal.getItems().get(0).getScore() > 0, Named.as("weighted-only"))
                .selectKey((itemId, signal) -> signal.getCategory(), Named.as("key-by-category"))
                .groupByKey(Grouped.with(TRENDING_BY_CATEGORY, strings, trendingSerde))
                // Tumbling buckets of one advance: one update per interaction; TrendingView sums a window's buckets.
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.trendingAdvance(), settings.grace()))
                .aggregate(Trending::empty, trending::add, Named.as("trending-counts"),
                        Materialized.<String, TrendingItems, WindowStore<Bytes, byte[]>>as(TRENDING_STORE)
                                .withKeySerde(strings).withValueSerde(trendingSerde)
                                .withRetention(settings.windowRetention()));
    }
}
