package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.recommendations.history.HistoryProcessor;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.recommendations.history.UserHistory;
import io.streamsuite.recommendations.history.UserSideInput;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * The recommendations store has no changelog: a task derives it from the histories and the stock when it starts.
 * A processor that ran through shop traffic and one started afresh over the same histories and stock hold the same
 * store, equal to the last record each user was published, and answer the next stock change with the same records.
 */
class DerivedRecommendationsTest {

    private static final int EVENTS = 4_000;
    private static final int USERS = 150;
    private static final int ITEMS = 120;

    private final Serde<RelatedItems> relatedSerde = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://derived"))
            .valueSerde(RelatedItems.class);
    private final Serde<UserRecommendations> recommendationSerde =
            AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://derived")).valueSerde(UserRecommendations.class);

    @Test
    void aRestartedTaskDerivesTheSameRecommendationsAsPublishedAndAnswersStockChangesAlike() {
        RecommendationSettings settings = RecommendationSettings.defaults();
        MockProcessorContext<String, HistoryUpdate> running = new MockProcessorContext<>();
        KeyValueStore<String, UserHistory> histories = MockStores.keyValue(running, RecommendationTopics.USER_HISTORY_STORE,
                UserHistory.SERDE);
        KeyValueStore<String, Boolean> stock = MockStores.keyValue(running, RecommendationTopics.STOCK_STORE, Serdes.Boolean());
        TimestampedKeyValueStore<String, UserRecommendations> publishedBefore = recommendations(running);
        TimestampedKeyValueStore<String, RelatedItems> global = MockStores.timestamped(running,
                RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE, relatedSerde);
        HistoryProcessor before = new HistoryProcessor(settings);
        before.init(running);

        CoOccurrenceFeed coOccurrence = new CoOccurrenceFeed(settings, global);
        Map<String, UserRecommendations> lastPublished = new TreeMap<>();
        InteractionType[] kinds = {InteractionType.VIEW, InteractionType.VIEW, InteractionType.CART,
            InteractionType.PURCHASE, InteractionType.RATING};
        Random random = new Random(7);
        for (int i = 0; i < ITEMS; i++) {
            before.process(new Record<>("item-" + i, new UserSideInput.Availability(true), T0.toEpochMilli()));
        }
        for (int e = 0; e < EVENTS; e++) {
            long at = T0.toEpochMilli() + e * 1_000L;
            if (e % 400 == 399) {
                before.process(new Record<>("item-" + random.nextInt(ITEMS),
                        new UserSideInput.Availability(random.nextBoolean()), at));
            }
            // Popular users and items first, as in the simulator, so histories and co-occurrences overlap.
            String userId = "user-" + (int) (USERS * Math.pow(random.nextDouble(), 2));
            String itemId = "item-" + (int) (ITEMS * Math.pow(random.nextDouble(), 2));
            before.process(new Record<>(userId, new UserSideInput.Acted(Shop.interaction(userId, itemId,
                    kinds[random.nextInt(kinds.length)], T0.plusMillis(e * 1_000L))), at));
            if (e % 1_000 == 999) {
                running.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(at));
            }
            for (var forward : running.forwarded()) {
                HistoryUpdate update = forward.record().value();
                if (update.recommendations() != null) {
                    lastPublished.put(forward.record().key(), update.recommendations());
                }
                coOccurrence.apply(update, at);
            }
            running.resetForwards();
        }
        assertThat(lastPublished).hasSizeGreaterThan(USERS / 2);
        assertThat(contents(publishedBefore)).isEqualTo(lastPublished);

        // A task starting over the same (restored) histories and stock, with an empty recommendations store.
        MockProcessorContext<String, HistoryUpdate> restarted = new MockProcessorContext<>();
        restarted.addStateStore(histories);
        restarted.addStateStore(stock);
        restarted.addStateStore(global);
        TimestampedKeyValueStore<String, UserRecommendations> publishedAfter = recommendations(restarted);
        HistoryProcessor after = new HistoryProcessor(settings);
        after.init(restarted);
        assertThat(contents(publishedAfter)).isEqualTo(lastPublished);

        // The item recommended to most users goes out of stock: both publish the same records, without it.
        Map<String, Integer> holders = new HashMap<>();
        lastPublished.values().forEach(r -> r.getItems().forEach(i -> holders.merge(i.getItemId(), 1, Integer::sum)));
        String popular = holders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Record<String, UserSideInput> outOfStock = new Record<>(popular, new UserSideInput.Availability(false),
                T0.toEpochMilli() + EVENTS * 1_000L);
        // The running one shares the stock store, so it goes first and the restarted one sees the stock as it was.
        before.process(outOfStock);
        stock.put(popular, Boolean.TRUE);
        after.process(outOfStock);
        // (The users offering an item are walked in no particular order: compared per user.)
        Map<String, UserRecommendations> fromBefore = published(running);
        Map<String, UserRecommendations> fromAfter = published(restarted);
        assertThat(fromBefore).hasSize(holders.get(popular)).isEqualTo(fromAfter);
        assertThat(fromAfter.values()).allSatisfy(change -> assertThat(change.getItems())
                .extracting(RecommendedItem::getItemId).doesNotContain(popular));
        assertThat(contents(publishedAfter)).isEqualTo(contents(publishedBefore));
    }

    private static Map<String, UserRecommendations> published(MockProcessorContext<String, HistoryUpdate> context) {
        Map<String, UserRecommendations> byUser = new TreeMap<>();
        for (var forward : context.forwarded()) {
            if (forward.record().value().recommendations() != null) {
                assertThat(byUser.put(forward.record().key(), forward.record().value().recommendations())).isNull();
            }
        }
        return byUser;
    }

    private static Map<String, UserRecommendations> contents(TimestampedKeyValueStore<String, UserRecommendations> store) {
        Map<String, UserRecommendations> all = new TreeMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<UserRecommendations>> entries = store.all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value.value()));
        }
        return all;
    }

    private TimestampedKeyValueStore<String, UserRecommendations> recommendations(MockProcessorContext<?, ?> context) {
        return MockStores.timestamped(context, RecommendationTopics.RECOMMENDATIONS_STORE, recommendationSerde);
    }
}
