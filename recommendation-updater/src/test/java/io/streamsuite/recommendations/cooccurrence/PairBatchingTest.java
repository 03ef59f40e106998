package io.streamsuite.recommendations.cooccurrence;

import static io.streamsuite.recommendations.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsuite.recommendations.RecommendationDriver;
import io.streamsuite.recommendations.RecommendationProperties;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pair batches held per target item and sent at a flush give the related items that sending each interaction's
 * batches at once gives: same items, same order, same weights (decay included, to rounding).
 */
class PairBatchingTest {

    private static final int ITEMS = 12;

    @Test
    void relatedItemsAfterAFlushEqualThoseOfBatchesSentAtOnce() {
        RecommendationProperties held = new RecommendationProperties();
        held.getCoOccurrence().setFlushEvery(Duration.ofMillis(500));
        held.getRecommend().setRefreshEvery(Duration.ZERO);
        RecommendationProperties atOnce = new RecommendationProperties();
        atOnce.getRecommend().setRefreshEvery(Duration.ZERO);
        try (RecommendationDriver batched = new RecommendationDriver(held.toSettings(), true);
             RecommendationDriver immediate = new RecommendationDriver(atOnce.toSettings(), true)) {
            InteractionType[] kinds = InteractionType.values();
            Random random = new Random(5);
            for (int e = 0; e < 400; e++) {
                String user = "user-" + random.nextInt(15);
                String item = "item-" + random.nextInt(ITEMS);
                InteractionType kind = kinds[random.nextInt(kinds.length)];
                var at = T0.plus(Duration.ofMinutes(e));
                batched.act(user, item, kind, at);
                immediate.act(user, item, kind, at);
            }
            assertThat(batched.relatedTo("item-0")).as("nothing is sent before the flush").isNull();

            batched.driver().advanceWallClockTime(Duration.ofMillis(500));

            for (int i = 0; i < ITEMS; i++) {
                RelatedItems expected = immediate.relatedTo("item-" + i);
                RelatedItems actual = batched.relatedTo("item-" + i);
                assertThat(actual.getRelated()).extracting(RelatedItem::getItemId)
                        .containsExactlyElementsOf(expected.getRelated().stream().map(RelatedItem::getItemId).toList());
                List<RelatedItem> weights = actual.getRelated();
                for (int r = 0; r < weights.size(); r++) {
                    assertThat(weights.get(r).getWeight())
                            .isCloseTo(expected.getRelated().get(r).getWeight(), within(1e-9 * expected.getRelated().get(r).getWeight()));
                }
                assertThat(actual.getUpdatedAt()).isEqualTo(expected.getUpdatedAt());
            }
        }
    }

    @Test
    void aBatchIsSentAtOnceWhenItHoldsItsMostPairs() {
        PairBatch held = null;
        for (int i = 0; i < PendingPairs.MOST_PER_BATCH; i++) {
            held = PendingPairs.merged(held, new PairBatch(List.of(new PairBatch.Pair("item-" + i, 1)), i), 0);
        }
        assertThat(held.pairs()).hasSize(PendingPairs.MOST_PER_BATCH);
        assertThat(held.time()).isEqualTo(PendingPairs.MOST_PER_BATCH - 1);
    }

    @Test
    void mergingSumsWeightsPerItemDecayedToTheLaterTime() {
        long hour = 3_600_000L;
        PairBatch earlier = new PairBatch(List.of(new PairBatch.Pair("a", 4), new PairBatch.Pair("b", 1)), 0);
        PairBatch later = new PairBatch(List.of(new PairBatch.Pair("a", 1)), hour);

        PairBatch merged = PendingPairs.merged(earlier, later, hour);

        assertThat(merged.time()).isEqualTo(hour);
        assertThat(merged.pairs()).containsExactly(new PairBatch.Pair("a", 3.0), new PairBatch.Pair("b", 0.5));
        assertThat(PendingPairs.merged(later, earlier, hour)).isEqualTo(new PairBatch(
                List.of(new PairBatch.Pair("a", 3.0), new PairBatch.Pair("b", 0.5)), hour));
    }
}
