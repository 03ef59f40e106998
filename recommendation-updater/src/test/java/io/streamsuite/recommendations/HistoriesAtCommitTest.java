package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.recommendations.history.HistoryProcessor;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.recommendations.history.UserHistory;
import io.streamsuite.recommendations.history.UserSideInput;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * With the user-side commit hook connected (as the topology does), the history processor keeps the histories in
 * memory between commits: interactions decide from what earlier ones left, the store gets each changed history
 * once, at the commit, and a processor started again before a commit decides from what the last commit wrote.
 */
class HistoriesAtCommitTest {

    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://histories-at-commit"));
    private KeyValueStore<String, UserHistory> histories;

    @Test
    void historiesReachTheStoreAtTheCommitAndARestartDecidesFromWhatWasCommitted() {
        MockProcessorContext<String, HistoryUpdate> running = context(null);
        CommitHook hook = hook(running);
        HistoryProcessor processor = new HistoryProcessor(RecommendationSettings.defaults());
        processor.init(running);

        processor.process(acted("user-1", "item-a", InteractionType.VIEW, 0));
        processor.process(acted("user-1", "item-b", InteractionType.VIEW, 1));
        processor.process(acted("user-2", "item-a", InteractionType.CART, 2));
        processor.process(acted("user-1", "item-c", InteractionType.PURCHASE, 3));
        // The later interactions paired with what the earlier ones left in memory ...
        assertThat(running.forwarded()).hasSize(2);
        assertThat(running.forwarded().get(1).record().value().pairs()).extracting(pair -> pair.key)
                .containsExactly("item-b", "item-a", "item-c");
        // ... and nothing reached the store before the commit.
        assertThat(histories.approximateNumEntries()).isZero();

        hook.flushCache();
        assertThat(histories.get("user-1").recent()).extracting(UserHistory.Seen::itemId)
                .containsExactly("item-c", "item-b", "item-a");
        assertThat(histories.get("user-1").purchased()).containsExactly("item-c");
        assertThat(histories.get("user-2").recent()).extracting(UserHistory.Seen::itemId).containsExactly("item-a");

        // An interaction the running processor takes but never commits; a processor started again (after a crash or
        // rollback) over the stores takes the same interaction as if the uncommitted one had never happened.
        running.resetForwards();
        processor.process(acted("user-1", "item-d", InteractionType.VIEW, 4));
        processor.process(acted("user-1", "item-e", InteractionType.VIEW, 5));
        List<HistoryUpdate> uncommitted = running.forwarded().stream().<HistoryUpdate>map(f -> f.record().value()).toList();
        assertThat(histories.get("user-1").recent()).hasSize(3);

        MockProcessorContext<String, HistoryUpdate> restarted = context(running);
        hook(restarted);
        HistoryProcessor again = new HistoryProcessor(RecommendationSettings.defaults());
        again.init(restarted);
        again.process(acted("user-1", "item-e", InteractionType.VIEW, 5));
        HistoryUpdate fromCommitted = restarted.forwarded().get(0).record().value();
        assertThat(fromCommitted.pairs()).extracting(pair -> pair.key).containsExactly("item-c", "item-b", "item-a", "item-e");
        assertThat(fromCommitted).isNotEqualTo(uncommitted.get(1));
    }

    private static Record<String, UserSideInput> acted(String userId, String itemId, InteractionType type, int second) {
        return new Record<>(userId, new UserSideInput.Acted(Shop.interaction(userId, itemId, type,
                T0.plusSeconds(second))), T0.plusSeconds(second).toEpochMilli());
    }

    /** A context with the history processor's stores: new ones, or those of {@code sharing} (a restart over them). */
    private MockProcessorContext<String, HistoryUpdate> context(MockProcessorContext<String, HistoryUpdate> sharing) {
        MockProcessorContext<String, HistoryUpdate> context = new MockProcessorContext<>();
        if (sharing == null) {
            histories = MockStores.keyValue(context, RecommendationTopics.USER_HISTORY_STORE, UserHistory.SERDE);
            MockStores.keyValue(context, RecommendationTopics.STOCK_STORE, Serdes.Boolean());
            MockStores.timestamped(context, RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE,
                    serdes.valueSerde(RelatedItems.class));
        } else {
            for (String name : List.of(RecommendationTopics.USER_HISTORY_STORE, RecommendationTopics.STOCK_STORE,
                    RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE)) {
                context.addStateStore(sharing.getStateStore(name));
            }
        }
        MockStores.timestamped(context, RecommendationTopics.RECOMMENDATIONS_STORE,
                serdes.valueSerde(UserRecommendations.class));
        return context;
    }

    private static CommitHook hook(MockProcessorContext<?, ?> context) {
        CommitHook hook = CommitHook.builder(RecommendationTopics.USER_SIDE_COMMIT_HOOK).build();
        hook.init(context.getStateStoreContext(), hook);
        context.addStateStore(hook);
        return hook;
    }
}
