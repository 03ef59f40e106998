package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.RecommendationTopics.CATALOG_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.CONVERSIONS;
import static io.streamsuite.recommendations.RecommendationTopics.CONVERSIONS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.COUNTED_PURCHASES_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.FUNNEL_BY_ITEM;
import static io.streamsuite.recommendations.RecommendationTopics.INTERACTIONS;
import static io.streamsuite.recommendations.RecommendationTopics.INTERACTIONS_BY_ITEM;
import static io.streamsuite.recommendations.RecommendationTopics.ITEMS;
import static io.streamsuite.recommendations.RecommendationTopics.PAIRS_REPARTITION;
import static io.streamsuite.recommendations.RecommendationTopics.PENDING_PAIRS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.RECOMMENDATIONS;
import static io.streamsuite.recommendations.RecommendationTopics.RECOMMENDATIONS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.RELATED_ITEMS_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.STOCK_BY_USER;
import static io.streamsuite.recommendations.RecommendationTopics.STOCK_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.TRENDING_BY_CATEGORY;
import static io.streamsuite.recommendations.RecommendationTopics.TRENDING_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.USER_HISTORY_STORE;
import static io.streamsuite.recommendations.RecommendationTopics.USER_SIDE_COMMIT_HOOK;
import static io.streamsuite.recommendations.RecommendationTopics.VIEW_PURCHASE_JOIN;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.lookup.DecodedTable;
import io.streamsuite.kit.lookup.DecodedValues;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.WaitForRegistry;
import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.recommendations.conversion.ConversionCounts;
import io.streamsuite.recommendations.conversion.CountOncePerPurchase;
import io.streamsuite.recommendations.conversion.Funnel;
import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.cooccurrence.RelatedItemsAggregator;
import io.streamsuite.recommendations.history.HistoryProcessor;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.recommendations.history.UserHistory;
import io.streamsuite.recommendations.history.UserSideInput;
import io.streamsuite.recommendations.recommend.CandidateScorer;
import io.streamsuite.recommendations.recommend.ItemSlots;
import io.streamsuite.recommendations.trending.Trending;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.ItemConversion;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.TrendingItems;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The recommendations topology, a plain function of its settings and serdes.
 *
 * <pre>
 * shop.items (key: item) → table recs.catalog ─→ each change: recommendable? ─[stock-by-user: every partition]┐
 * shop.interactions (key: user)                                                                              │
 *   ├→ history (recs.user-history: last N items, last P purchases, offered candidates) ←────────────────────────┘
 *   │    reads recs.related-items-global to score the user's candidates (and re-scores a batch of users
 *   │    every recommendations.recommend.refresh-every, wall clock); recs.stock filters them
 *   │    ├→ pair batches (held per target item: recs.pending-pairs) ─[co-occurrence-pairs]→ related items (recs.related-items, top M, decayed; cached:
 *   │    │      once per item and commit)        → shop.related-items ─→ global store recs.related-items-global
 *   │    └→ top K in stock, when changed: recs.recommendations (derived, no changelog) → shop.recommendations
 *   ├→ purchases ⋈ views of the same user within 30 min, view first   [view-purchase]
 *   │    → once per purchase (recs.counted-purchases) → conversion by item ┐
 *   └→ [interactions-by-item] ⋈ recs.catalog (category)                    │
 *        ├→ views ─────────────────── + conversions [funnel-by-item] ─→ 1 h windows recs.conversions → shop.conversions
 *        └→ [trending-by-category] → 1 min buckets, top K × 5 each: recs.trending (a 10 min window = its buckets)
 * </pre>
 *
 * <p><b>Stock reaching every recommendation.</b> A user's candidates, their top-K and the stock filter are all on
 * the user's partition. Each catalog change is sent to every user partition (a few thousand items, changing far
 * less often than users act); the task keeps which items are in stock ({@code recs.stock}, catalog-sized) and, in
 * memory, which of its users offer each item (derived from the histories: one entry per offered candidate, so at
 * most users × candidates). When an item goes out of stock, exactly those users' recommendations are published
 * again without it and the next best candidate in its place, without the user doing anything; it comes back the
 * same way when restocked. This replaced a KTable–KTable foreign-key join of candidate rows "user/item" to the
 * catalog, whose chain (candidate table, subscription registration, subscription store, response, in-stock table,
 * regrouping by user, the user aggregate: records per changed candidate on eight topics) wrote 60 % of the
 * service's bytes in a 100k-interaction benchmark, for the rare stock change; without it the service's CPU per
 * record fell 3.5×. Candidates whose score barely moved keep their score, and a recommendation is published only
 * when it changed.
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

    /** Decoded related-items lists remembered by the aggregate store's serde (a few thousand items, about 1 KB each). */
    static final int DECODED_RELATED_ITEMS = 8192;

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
        Serde<RelatedItems> waitingRelated = WaitForRegistry.serde(relatedSerde);
        // Read up to N times per interaction between updates: each list kept decoded, in the item slots the scorers
        // use, from its first read after the global thread wrote it (a hash lookup per read; once per instance, not
        // per task). In memory, uncached: a few thousand lists, restored from the topic anyway.
        ItemSlots itemSlots = new ItemSlots();
        DecodedTable<String, CandidateScorer.Related> relatedTable = DecodedTable.derived(strings, waitingRelated,
                items -> CandidateScorer.Related.of(items, itemSlots));
        builder.globalTable(outputs.topic(RELATED_ITEMS),
                Consumed.with(strings, waitingRelated).withName("related-items-global-source"),
                Materialized.<String, RelatedItems>as(relatedTable.supplier(RELATED_ITEMS_GLOBAL_STORE))
                        .withCachingDisabled().withKeySerde(strings).withValueSerde(waitingRelated));
        KTable<String, Item> catalog = builder.table(ITEMS,
                Consumed.with(strings, itemSerde).withTimestampExtractor(EVENT_TIME).withName("items-source"),
                Materialized.<String, Item, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(strings).withValueSerde(itemSerde));
        // Not in the record cache: a few thousand busy users' histories (~1.5 KB each) in the thread's 10 MB cache
        // evicted the trending and related-items aggregates entry by entry (a 100k run: trending changelog 0.2 → 76
        // MB, related items 27 → 57 MB). The history processor keeps them decoded itself and writes each changed one
        // once per commit through the commit hook (UserHistories).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_HISTORY_STORE),
                strings, UserHistory.SERDE));
        // One entry per catalog item in stock, read for every candidate published: in memory, restored from its changelog.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STOCK_STORE),
                strings, Serdes.Boolean()));
        // Held in memory by the history processor; the commit hook writes each target's batch once per commit.
        // (Both stores the hook writes have no record cache, as the hook requires.)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_PAIRS_STORE),
                strings, PairBatch.SERDE).withCachingDisabled());
        builder.addStateStore(CommitHook.builder(USER_SIDE_COMMIT_HOOK));
        // Derived from the histories (their offered candidates and publication time) and the stock whenever the task
        // starts: in memory without a changelog, so a published change costs no store write to the broker.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RECOMMENDATIONS_STORE), strings, recommendationSerde).withLoggingDisabled());
        // In memory: it holds only the last join window's purchase ids and is restored from its changelog.
        Duration countedFor = settings.conversionWithin().plus(settings.grace());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(COUNTED_PURCHASES_STORE, countedFor, Duration.ofMillis(1), false),
                strings, Serdes.Long()));

        KStream<String, UserInteraction> interactions = builder
                .stream(INTERACTIONS, Consumed.with(strings, interactionSerde).withTimestampExtractor(EVENT_TIME)
                        .withName("interactions-source"))
                .filter((userId, interaction) -> interaction != null, Named.as("skip-tombstones"));

        KStream<String, HistoryUpdate> updates = interactions
                .mapValues(interaction -> (UserSideInput) new UserSideInput.Acted(interaction), Named.as("acted"))
                .merge(availability(catalog), Named.as("user-side"))
                .process(() -> new HistoryProcessor(settings, relatedTable::get, itemSlots), Named.as("user-history"),
                        USER_HISTORY_STORE, STOCK_STORE, RECOMMENDATIONS_STORE, PENDING_PAIRS_STORE,
                        USER_SIDE_COMMIT_HOOK);
        coOccurrence(updates, settings, strings, relatedSerde, outputs);
        recommendations(updates, strings, recommendationSerde, outputs);
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
                                // Each batch reads back the list the last one wrote: remembered, not decoded again.
                        Materialized.<String, RelatedItems, KeyValueStore<Bytes, byte[]>>as(RELATED_ITEMS_STORE)
                                .withKeySerde(strings)
                                .withValueSerde(DecodedValues.remembering(relatedSerde, DECODED_RELATED_ITEMS)))
                .toStream(Named.as("related-items-changes"))
                .to(outputs.topic(RELATED_ITEMS), Produced.with(strings, relatedSerde).withName("related-items-sink"));
    }

    /** The user side's record per item change: whether it may be recommended, sent to every user partition. */
    private static KStream<String, UserSideInput> availability(KTable<String, Item> catalog) {
        StreamPartitioner<String, Boolean> everyPartition = (topic, itemId, recommendable, partitions) ->
                Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        return catalog.toStream(Named.as("catalog-changes"))
                .mapValues(item -> item != null && !Boolean.FALSE.equals(item.getInStock()), Named.as("recommendable"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.Boolean()).withName(STOCK_BY_USER)
                        .withStreamPartitioner(everyPartition))
                .mapValues(UserSideInput.Availability::new, Named.as("availability"));
    }

    private static void recommendations(KStream<String, HistoryUpdate> updates, Serde<String> strings,
                                        Serde<UserRecommendations> recommendationSerde, OutputVersion outputs) {
        updates.filter((userId, update) -> update.recommendations() != null, Named.as("recommendation-changes"))
                .mapValues(HistoryUpdate::recommendations, Named.as("recommendations"))
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
                .map((userId, purchase) -> KeyValue.pair(purchase.getItemId(), Funnel.CONVERSION), Named.as("conversion-step"))
                // Only the conversions move to the item's partition: the views are there already (interactions-by-item).
                .repartition(Repartitioned.with(strings, Funnel.SERDE).withName(FUNNEL_BY_ITEM));
        byItem.filter((itemId, interaction) -> interaction.getType() == InteractionType.VIEW, Named.as("item-views"))
                .mapValues(view -> Funnel.VIEW, Named.as("view-step"))
                .merge(converted, Named.as("funnel-steps"))
                .groupByKey(Grouped.with(strings, Funnel.SERDE))
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
