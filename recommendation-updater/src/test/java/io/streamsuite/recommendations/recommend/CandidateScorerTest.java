package io.streamsuite.recommendations.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.history.UserHistory.Seen;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The array-based scorer gives exactly (bit for bit, ties broken by item id) what summing every related weight
 * into a map and taking {@link TopK#best} gives, across users, purchases, and related lists that change between
 * calls (the global table moving) or stay the same object (a remembered decode).
 */
class CandidateScorerTest {

    private static final int ITEMS = 300;

    @Test
    void scoresAreExactlyThoseOfSummingEveryRelatedWeightIntoAMap() {
        Random random = new Random(3);
        CandidateScorer scorer = new CandidateScorer(20);
        Map<String, RelatedItems> table = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            table.put(item(i), relatedList(random, i));
        }
        Function<String, RelatedItems> related = table::get;
        int compared = 0;
        for (int call = 0; call < 3_000; call++) {
            if (call % 10 == 0) {
                // The table moves: some lists are replaced by new objects.
                int changed = random.nextInt(ITEMS);
                table.put(item(changed), relatedList(random, changed));
            }
            List<Seen> recent = new ArrayList<>();
            long sequence = 100 + random.nextInt(30);
            Set<String> distinct = new HashSet<>();
            for (int r = 0; r < 1 + random.nextInt(20); r++) {
                String itemId = item(random.nextInt(ITEMS + 20)); // a few items have no related list
                if (distinct.add(itemId)) {
                    recent.add(new Seen(itemId, new double[] {1, 2, 4}[random.nextInt(3)], 0, sequence--));
                }
            }
            Set<String> purchased = new HashSet<>();
            for (int p = 0; p < random.nextInt(8); p++) {
                purchased.add(item(random.nextInt(ITEMS)));
            }
            long fadeBase = sequence - random.nextInt(10);
            List<TopK.Entry> expected = byMap(recent, fadeBase, purchased, related);
            assertThat(scorer.score(recent, fadeBase, purchased, related)).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).isGreaterThan(3_000 * 5);
    }

    @Test
    void equalScoresAreOrderedByItemIdAsTopKOrdersThem() {
        CandidateScorer scorer = new CandidateScorer(2);
        RelatedItems ties = new RelatedItems("a", List.of(new RelatedItem("z", 1.0), new RelatedItem("m", 1.0),
                new RelatedItem("b", 1.0)), Instant.EPOCH);
        List<TopK.Entry> best = scorer.score(List.of(new Seen("a", 1, 0, 0)), 0, Set.of(), id -> ties);
        assertThat(best).extracting(TopK.Entry::key).containsExactly("b", "m");
    }

    /** The scoring as first written: every weight summed into a map, then the best taken. */
    private static List<TopK.Entry> byMap(List<Seen> recent, long fadeBase, Set<String> purchased,
                                          Function<String, RelatedItems> related) {
        Map<String, Double> sums = new HashMap<>();
        for (Seen seen : recent) {
            double fade = Math.pow(1 / CandidateScorer.RECENCY_FADE, seen.sequence() - fadeBase);
            RelatedItems items = related.apply(seen.itemId());
            if (items != null && !items.getRelated().isEmpty()) {
                double strongest = items.getRelated().get(0).getWeight();
                for (RelatedItem item : items.getRelated()) {
                    if (strongest > 0 && !purchased.contains(item.getItemId())) {
                        sums.merge(item.getItemId(), seen.weight() * fade * item.getWeight() / strongest, Double::sum);
                    }
                }
            }
        }
        return TopK.best(20, sums);
    }

    private static RelatedItems relatedList(Random random, int of) {
        List<RelatedItem> items = new ArrayList<>();
        double weight = 1 + random.nextDouble() * 50;
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < 1 + random.nextInt(50); j++) {
            String itemId = item(random.nextInt(ITEMS));
            if (!itemId.equals(item(of)) && seen.add(itemId)) {
                items.add(new RelatedItem(itemId, weight));
                // Strongest first, with ties now and then.
                weight = random.nextInt(4) == 0 ? weight : weight * random.nextDouble();
            }
        }
        return new RelatedItems(item(of), items, Instant.EPOCH);
    }

    private static String item(int i) {
        return "item-" + i;
    }
}
