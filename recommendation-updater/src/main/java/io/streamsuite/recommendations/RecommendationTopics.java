package io.streamsuite.recommendations;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.schemas.DomainTopics;
import java.util.List;

/**
 * Every topic, internal topic and store name of the service, declared once. Internal topics are named
 * by the topology's {@code Named}/{@code Repartitioned} names below; Kafka Streams
 * prefixes them with the application id ({@link #internalTopics()} spells them out for deployment).
 */
public final class RecommendationTopics {

    public static final String APPLICATION_ID = "recommendation-updater";

    public static final String INTERACTIONS = DomainTopics.SHOP_INTERACTIONS;
    public static final String ITEMS = DomainTopics.SHOP_ITEMS;
    public static final String RECOMMENDATIONS = "shop.recommendations";
    public static final String CONVERSIONS = "shop.conversions";
    /** Each item's related items, compacted; read back by every instance as a global table. */
    public static final String RELATED_ITEMS = "shop.related-items";

    /** User id → recent interactions, purchases and the candidates currently offered (stock not applied). */
    public static final String USER_HISTORY_STORE = "recs.user-history";
    /** Item id → its top related items (RelatedItems), the co-occurrence accumulator. */
    public static final String RELATED_ITEMS_STORE = "recs.related-items";
    /** Global copy of {@link #RELATED_ITEMS}, read when scoring a user's candidates. */
    public static final String RELATED_ITEMS_GLOBAL_STORE = "recs.related-items-global";
    /** Item id → Item: the catalog table (trending's categories; its changes feed {@link #STOCK_BY_USER}). */
    public static final String CATALOG_STORE = "recs.catalog";
    /** Per user-side task: target item id → the pairs held for it until the next flush. */
    public static final String PENDING_PAIRS_STORE = "recs.pending-pairs";
    /**
     * Writes what the history processor holds in memory (the histories and pending pairs changed since the last commit)
     * to {@link #USER_HISTORY_STORE} and {@link #PENDING_PAIRS_STORE} at each commit (no data, no changelog).
     */
    public static final String USER_SIDE_COMMIT_HOOK = "recs.user-side-commit-hook";
    /** Per user-side task: item id → true for each catalog item that may be recommended (in stock). */
    public static final String STOCK_STORE = "recs.stock";
    /** User id → UserRecommendations (top K), as published on {@link #RECOMMENDATIONS}. */
    public static final String RECOMMENDATIONS_STORE = "recs.recommendations";
    /** Purchase interaction ids already counted as a conversion (several views, one conversion). */
    public static final String COUNTED_PURCHASES_STORE = "recs.counted-purchases";
    /** Item id → ItemConversion per tumbling window. */
    public static final String CONVERSIONS_STORE = "recs.conversions";
    /** Category → TrendingItems per tumbling bucket of one trending advance (a hopping window sums its buckets). */
    public static final String TRENDING_STORE = "recs.trending";

    public static final String PAIRS_REPARTITION = "co-occurrence-pairs";
    /** Each catalog change of an item, sent to every partition of the user side. */
    public static final String STOCK_BY_USER = "stock-by-user";
    public static final String INTERACTIONS_BY_ITEM = "interactions-by-item";
    /** Conversions, moved from the user's partition to the item's (the views come through {@link #INTERACTIONS_BY_ITEM}). */
    public static final String FUNNEL_BY_ITEM = "funnel-by-item";
    public static final String TRENDING_BY_CATEGORY = "trending-by-category";
    public static final String VIEW_PURCHASE_JOIN = "view-purchase";

    /**
     * Full names of the internal topics deployment declares as KafkaTopics (k8s): the repartitions, whose partition
     * counts must match the inputs'. Changelogs Streams creates itself.
     */
    public static final String PAIRS_TOPIC = "recommendation-updater-co-occurrence-pairs-repartition";
    public static final String STOCK_BY_USER_TOPIC = "recommendation-updater-stock-by-user-repartition";
    public static final String INTERACTIONS_BY_ITEM_TOPIC = "recommendation-updater-interactions-by-item-repartition";
    public static final String FUNNEL_BY_ITEM_TOPIC = "recommendation-updater-funnel-by-item-repartition";
    public static final String TRENDING_BY_CATEGORY_TOPIC = "recommendation-updater-trending-by-category-repartition";

    public static final List<String> DEPLOYED_INTERNAL_TOPICS = List.of(PAIRS_TOPIC, STOCK_BY_USER_TOPIC,
            INTERACTIONS_BY_ITEM_TOPIC, FUNNEL_BY_ITEM_TOPIC, TRENDING_BY_CATEGORY_TOPIC);

    private RecommendationTopics() {
    }

    public static List<TopicSpec> specs() {
        return specs(OutputVersion.NONE);
    }

    /** As deployed with {@code streams-kit.output-version}: the outputs (and the read-back related items) versioned. */
    public static List<TopicSpec> specs(OutputVersion outputs) {
        return List.of(
                TopicSpec.input(INTERACTIONS),
                TopicSpec.input(ITEMS).asCompacted(),
                TopicSpec.output(outputs.topic(RECOMMENDATIONS)).asCompacted(),
                TopicSpec.output(outputs.topic(CONVERSIONS)),
                TopicSpec.output(outputs.topic(RELATED_ITEMS)).asCompacted());
    }

    /**
     * The internal topics Kafka Streams creates (repartitions, changelogs), without the application-id prefix. Kept in step with the topology by
     * {@code RecommendationTopologyTest.internalTopicsAreTheDeclaredOnes}.
     */
    public static List<String> internalTopics() {
        return List.of(
                PAIRS_REPARTITION + "-repartition",
                STOCK_BY_USER + "-repartition",
                INTERACTIONS_BY_ITEM + "-repartition",
                FUNNEL_BY_ITEM + "-repartition",
                TRENDING_BY_CATEGORY + "-repartition",
                VIEW_PURCHASE_JOIN + "-this-join-store-changelog",
                VIEW_PURCHASE_JOIN + "-other-join-store-changelog",
                USER_HISTORY_STORE + "-changelog",
                RELATED_ITEMS_STORE + "-changelog",
                CATALOG_STORE + "-changelog",
                STOCK_STORE + "-changelog",
                PENDING_PAIRS_STORE + "-changelog",
                COUNTED_PURCHASES_STORE + "-changelog",
                CONVERSIONS_STORE + "-changelog",
                TRENDING_STORE + "-changelog");
    }
}
