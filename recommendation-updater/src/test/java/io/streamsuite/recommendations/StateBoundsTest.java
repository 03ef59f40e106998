package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.recommendations.history.HistoryProcessor;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.recommendations.history.UserHistory;
import io.streamsuite.recommendations.history.UserSideInput;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.util.Map;
import java.util.Random;
import io.streamsuite.kit.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * However long it runs, per-user and per-item state stays at its configured bounds: 100k interactions
 * through the history and co-occurrence processors (in-memory stores, the related items fed back to the
 * history's lookup as the global table does), then every stored value is measured.
 */
class StateBoundsTest {

    private static final int EVENTS = 100_000;
    private static final int USERS = 500;
    private static final int ITEMS = 400;

    @Test
    void relatedItemsHistoryAndTheStockLookupStayAtTheirBoundsUnder100kEvents() {
        RecommendationSettings settings = RecommendationSettings.defaults();
        MockProcessorContext<String, HistoryUpdate> historyContext = new MockProcessorContext<>();
        Serde<RelatedItems> relatedSerde = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://bounds"))
                .valueSerde(RelatedItems.class);
        KeyValueStore<String, UserHistory> histories = MockStores.keyValue(historyContext,
                RecommendationTopics.USER_HISTORY_STORE, UserHistory.SERDE);
        KeyValueStore<String, Boolean> stock = MockStores.keyValue(historyContext, RecommendationTopics.STOCK_STORE,
                Serdes.Boolean());
        MockStores.timestamped(historyContext, RecommendationTopics.RECOMMENDATIONS_STORE,
                AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://bounds")).valueSerde(UserRecommendations.class));
        TimestampedKeyValueStore<String, RelatedItems> global = MockStores.timestamped(historyContext,
                RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE, relatedSerde);
        HistoryProcessor history = new HistoryProcessor(settings);
        history.init(historyContext);

        CoOccurrenceFeed coOccurrence = new CoOccurrenceFeed(settings, global);

        InteractionType[] kinds = {InteractionType.VIEW, InteractionType.VIEW, InteractionType.VIEW,
            InteractionType.CART, InteractionType.PURCHASE, InteractionType.RATING};
        Random random = new Random(11);
        for (int i = 0; i < ITEMS; i++) {
            history.process(new Record<>("item-" + i, new UserSideInput.Availability(true), T0.toEpochMilli()));
        }
        int maxOfferedEntries = 0;
        for (int e = 0; e < EVENTS; e++) {
            String userId = "user-" + random.nextInt(USERS);
            long at = T0.toEpochMilli() + e * 100L;
            if (e % 500 == 0) {
                // Stock changes now and then: the lookup of who offers the item is walked, not grown.
                history.process(new Record<>("item-" + random.nextInt(ITEMS),
                        new UserSideInput.Availability(random.nextBoolean()), at));
            }
            history.process(new Record<>(userId, new UserSideInput.Acted(Shop.interaction(userId,
                    "item-" + random.nextInt(ITEMS), kinds[random.nextInt(kinds.length)], T0.plusMillis(e * 100L))), at));
            maxOfferedEntries = Math.max(maxOfferedEntries, history.offeredEntries());
            for (var forward : historyContext.forwarded()) {
                HistoryUpdate update = forward.record().value();
                coOccurrence.apply(update, at);
            }
            historyContext.resetForwards();
        }

        int users = 0;
        int longestHistory = 0;
        int mostPurchases = 0;
        int mostOffered = 0;
        int offeredInAll = 0;
        try (KeyValueIterator<String, UserHistory> all = histories.all()) {
            while (all.hasNext()) {
                UserHistory h = all.next().value;
                users++;
                offeredInAll += h.offered().size();
                longestHistory = Math.max(longestHistory, h.recent().size());
                mostPurchases = Math.max(mostPurchases, h.purchased().size());
                mostOffered = Math.max(mostOffered, h.offered().size());
            }
        }
        int items = coOccurrence.related().size();
        int mostRelated = coOccurrence.related().values().stream().mapToInt(r -> r.getRelated().size()).max().orElse(0);
        System.out.printf("after %d events: %d users (history <= %d, purchases <= %d, offered <= %d), %d items "
                        + "(related <= %d), stock lookup %d user-item entries (most %d, bound %d), %d stock entries%n",
                EVENTS, users, longestHistory, mostPurchases, mostOffered, items, mostRelated, history.offeredEntries(),
                maxOfferedEntries, USERS * settings.candidates(), stock.approximateNumEntries());

        assertThat(users).isEqualTo(USERS);
        assertThat(longestHistory).isEqualTo(settings.historySize());
        assertThat(mostPurchases).isEqualTo(settings.purchasedSize());
        assertThat(mostOffered).isEqualTo(settings.candidates());
        assertThat(items).isEqualTo(ITEMS);
        assertThat(mostRelated).isEqualTo(settings.relatedSize());
        // The stock lookup holds one entry per offered candidate, never more, and the stock one per catalog item at most.
        assertThat(history.offeredEntries()).isGreaterThan(USERS).isEqualTo(offeredInAll);
        assertThat(maxOfferedEntries).isLessThanOrEqualTo(USERS * settings.candidates());
        assertThat(stock.approximateNumEntries()).isLessThanOrEqualTo(ITEMS);
    }

}
