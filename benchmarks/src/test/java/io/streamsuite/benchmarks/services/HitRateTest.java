package io.streamsuite.benchmarks.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.benchmarks.services.HitRate.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HitRateTest {

    private final List<Interaction> log = new ArrayList<>();

    private void act(String user, String item, String type, long at) {
        log.add(new Interaction(log.size(), user, item, type, at));
    }

    @Test
    void lastPurchaseIsHeldOutWithEverythingTheUserDidWithThatItemAndAfterIt() {
        act("ann", "lamp", "VIEW", 1);
        act("ann", "shade", "VIEW", 2);
        act("ann", "shade", "CART", 3);
        act("ann", "lamp", "PURCHASE", 4);
        act("ann", "bulb", "VIEW", 5);
        act("ann", "shade", "PURCHASE", 6);
        act("ann", "shade", "RATING", 7);
        act("ann", "bulb", "VIEW", 8);
        act("bob", "shade", "PURCHASE", 9);

        HitRate.Split split = HitRate.split(log, 3);

        assertThat(split.heldOut()).containsExactly(Map.entry("ann", "shade"));
        // ann keeps lamp view, lamp purchase, bulb view; loses the shade view/cart/purchase/rating and the later view.
        // bob has too little history to be evaluated, so all of his input stays.
        assertThat(split.training(log)).extracting(Interaction::index).containsExactly(0, 3, 4, 8);
    }

    @Test
    void usersWithTooLittleHistoryAreNotEvaluated() {
        act("cy", "lamp", "VIEW", 1);
        act("cy", "lamp", "PURCHASE", 2);

        assertThat(HitRate.split(log, 1).heldOut()).isEmpty();
        assertThat(HitRate.split(log, 1).kept()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void baselineRecommendsTheMostBoughtItemsOfTheUsersCategoryExceptOwnPurchasesAndOutOfStock() {
        for (String user : List.of("u1", "u2", "u3")) {
            act(user, "book-a", "PURCHASE", 1);
        }
        act("u1", "book-b", "PURCHASE", 2);
        act("u2", "book-b", "PURCHASE", 2);
        act("u1", "book-c", "PURCHASE", 3);
        act("u4", "toy-a", "PURCHASE", 3);
        act("u4", "toy-a", "PURCHASE", 3);
        act("u4", "toy-a", "PURCHASE", 3);
        act("u4", "toy-a", "PURCHASE", 3);
        act("ann", "book-a", "PURCHASE", 4);
        act("ann", "book-z", "VIEW", 5);
        act("ann", "toy-a", "VIEW", 6);
        Map<String, String> categories = Map.of("book-a", "books", "book-b", "books", "book-c", "books",
                "book-z", "books", "book-d", "books", "toy-a", "toys");

        Map<String, List<String>> top = HitRate.popularInCategory(log, categories, Set.of("book-c"), Set.of("ann"), 2);

        // books: a (4 bought, ann's own), b (2), c (1, out of stock), z (0, 1 view), d (0).
        assertThat(top.get("ann")).containsExactly("book-b", "book-z");
    }

    @Test
    void hitRateCountsUsersWhoseHeldOutItemIsInTheirTopKAndUsersWithoutAListAsMisses() {
        Map<String, String> heldOut = Map.of("a", "x", "b", "y", "c", "z", "d", "w");
        Map<String, List<String>> recommended = Map.of("a", List.of("q", "x"), "b", List.of("y"), "c", List.of("q", "r", "z"));

        assertThat(HitRate.hitRate(heldOut, recommended, 2)).isEqualTo(0.5);
        assertThat(HitRate.hitRate(heldOut, recommended, 3)).isEqualTo(0.75);
    }
}
