package io.streamsuite.recommendations;

import static io.streamsuite.recommendations.Shop.T0;
import static io.streamsuite.schemas.shop.InteractionType.PURCHASE;
import static io.streamsuite.schemas.shop.InteractionType.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.shop.ItemConversion;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecommendationTopologyTest {

    private final RecommendationDriver shop = new RecommendationDriver(RecommendationSettings.defaults());

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void purchaseOfAThenBMakesBRecommendedToAUserWhoViewsA() {
        shop.item("A", "books", true).item("B", "books", true);

        shop.act("alice", "A", PURCHASE, T0).act("alice", "B", PURCHASE, T0.plusSeconds(60));
        shop.act("bob", "A", VIEW, T0.plusSeconds(120));

        assertThat(shop.recommendedTo("bob")).containsExactly("B");
        UserRecommendations lastForBob = lastFor("bob", shop.published());
        assertThat(lastForBob.getItems()).extracting(RecommendedItem::getItemId).containsExactly("B");
        assertThat(shop.relatedTo("A").getRelated().get(0).getItemId()).isEqualTo("B");
        assertThat(shop.relatedTo("B").getRelated().get(0).getItemId()).isEqualTo("A");
    }

    @Test
    void userWhoActedBeforeTheCoOccurrenceWasLearnedIsRecommendedItAfterARefreshWithoutActingAgain() {
        shop.item("A", "books", true).item("B", "books", true);
        shop.act("bob", "A", VIEW, T0);
        assertThat(shop.recommendedTo("bob")).isEmpty();

        shop.act("alice", "A", PURCHASE, T0.plusSeconds(60)).act("alice", "B", PURCHASE, T0.plusSeconds(120));
        assertThat(shop.recommendedTo("bob")).as("nothing re-scores bob before the refresh").isEmpty();
        shop.refreshEveryone(2);

        assertThat(shop.recommendedTo("bob")).containsExactly("B");
        UserRecommendations lastForBob = lastFor("bob", shop.published());
        assertThat(lastForBob.getItems()).extracting(RecommendedItem::getItemId).containsExactly("B");
        assertThat(lastForBob.getUpdatedAt()).as("a refresh is timed by the user's own last interaction").isEqualTo(T0);
    }

    @Test
    void aRefreshWithRelatedItemsUnchangedPublishesNothing() {
        shop.item("A", "books", true).item("B", "books", true);
        shop.act("alice", "A", PURCHASE, T0).act("alice", "B", PURCHASE, T0.plusSeconds(60));
        shop.act("bob", "A", VIEW, T0.plusSeconds(120));
        shop.refreshEveryone(2);
        shop.published();

        shop.refreshEveryone(2);

        assertThat(shop.published()).isEmpty();
        assertThat(shop.recommendedTo("bob")).containsExactly("B");
    }

    @Test
    void itemsTheUserBoughtAreNotRecommendedBack() {
        shop.item("A", "books", true).item("B", "books", true);
        shop.act("alice", "A", PURCHASE, T0).act("alice", "B", PURCHASE, T0.plusSeconds(60));
        shop.act("bob", "A", VIEW, T0.plusSeconds(120));
        assertThat(shop.recommendedTo("bob")).containsExactly("B");

        shop.act("bob", "B", PURCHASE, T0.plusSeconds(180));

        assertThat(shop.recommendedTo("bob")).doesNotContain("B");
    }

    @Test
    void outOfStockUpdateRemovesTheItemFromEveryRecommendationThatHeldItAndRestockBringsItBack() {
        shop.item("A", "books", true).item("B", "books", true).item("C", "books", true);
        shop.act("alice", "A", PURCHASE, T0).act("alice", "B", PURCHASE, T0.plusSeconds(10))
                .act("alice", "C", PURCHASE, T0.plusSeconds(20));
        shop.act("bob", "A", VIEW, T0.plusSeconds(60));
        shop.act("carol", "A", VIEW, T0.plusSeconds(70));
        assertThat(shop.recommendedTo("bob")).contains("B", "C");
        assertThat(shop.recommendedTo("carol")).contains("B", "C");
        shop.published();

        shop.item("B", "books", false);

        List<UserRecommendations> afterStockOut = shop.published();
        assertThat(lastFor("bob", afterStockOut).getItems()).extracting(RecommendedItem::getItemId)
                .contains("C").doesNotContain("B");
        assertThat(lastFor("carol", afterStockOut).getItems()).extracting(RecommendedItem::getItemId)
                .contains("C").doesNotContain("B");
        assertThat(shop.recommendedTo("bob")).containsExactly("C");
        assertThat(shop.recommendedTo("carol")).containsExactly("C");

        shop.item("B", "books", true);

        assertThat(shop.recommendedTo("bob")).contains("B", "C");
        assertThat(shop.recommendedTo("carol")).contains("B", "C");
    }

    @Test
    void outOfStockItemIsNotRecommendedToUsersWhoCameLater() {
        shop.item("A", "books", true).item("B", "books", false);
        shop.act("alice", "A", PURCHASE, T0).act("alice", "B", PURCHASE, T0.plusSeconds(10));

        shop.act("bob", "A", VIEW, T0.plusSeconds(60));

        assertThat(shop.recommendedTo("bob")).isEmpty();
    }

    @Test
    void viewAndPurchase31MinutesApartDoNotJoinButWithin30MinutesTheyDo() {
        shop.item("A", "books", true).item("B", "books", true);

        shop.act("alice", "A", VIEW, T0).act("alice", "A", PURCHASE, T0.plus(Duration.ofMinutes(31)));
        shop.act("bob", "B", VIEW, T0).act("bob", "B", PURCHASE, T0.plus(Duration.ofMinutes(29)));

        Map<String, ItemConversion> latest = latestPerItem(shop.conversions());
        assertThat(latest.get("A").getViews()).isEqualTo(1);
        assertThat(latest.get("A").getConvertedPurchases()).isZero();
        assertThat(latest.get("B").getConvertedPurchases()).isEqualTo(1);
        assertThat(latest.get("B").getRate()).isEqualTo(1.0);
    }

    @Test
    void threeViewsThenOnePurchaseAreOneConversion() {
        shop.item("A", "books", true);

        shop.act("alice", "A", VIEW, T0).act("alice", "A", VIEW, T0.plusSeconds(60))
                .act("alice", "A", VIEW, T0.plusSeconds(120)).act("alice", "A", PURCHASE, T0.plusSeconds(180));

        ItemConversion a = latestPerItem(shop.conversions()).get("A");
        assertThat(a.getViews()).isEqualTo(3);
        assertThat(a.getConvertedPurchases()).isEqualTo(1);
        assertThat(a.getRate()).isEqualTo(1.0 / 3);
        assertThat(a.getWindowStart()).isEqualTo(T0);
        assertThat(a.getWindowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void purchaseOfAnotherItemIsNoConversionOfTheViewedOne() {
        shop.item("A", "books", true).item("B", "books", true);

        shop.act("alice", "A", VIEW, T0).act("alice", "B", PURCHASE, T0.plusSeconds(60));

        Map<String, ItemConversion> latest = latestPerItem(shop.conversions());
        assertThat(latest.get("A").getConvertedPurchases()).isZero();
        assertThat(latest).doesNotContainKey("B");
    }

    private static UserRecommendations lastFor(String userId, List<UserRecommendations> published) {
        UserRecommendations last = null;
        for (UserRecommendations recommendations : published) {
            if (recommendations.getUserId().equals(userId)) {
                last = recommendations;
            }
        }
        assertThat(last).as("a recommendation update for " + userId).isNotNull();
        return last;
    }

    private static Map<String, ItemConversion> latestPerItem(List<ItemConversion> conversions) {
        return conversions.stream().collect(Collectors.toMap(ItemConversion::getItemId, c -> c, (a, b) -> b));
    }
}
