package io.streamsuite.kit.topk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void keepsAtMostCapacityKeysHoweverManyAreAdded() {
        TopK topK = TopK.empty(5, HOUR);
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            topK.add("k" + random.nextInt(10_000), 1 + random.nextInt(3), i * 1000L);
            assertThat(topK.size()).isLessThanOrEqualTo(5);
        }
        assertThat(topK.size()).isEqualTo(5);
    }

    @Test
    void bestNOfAMapIsTheFirstNOfAllSortedBestFirstTiesByKey() {
        Random random = new Random(3);
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            scores.put("k" + i, (double) random.nextInt(50));
        }
        List<TopK.Entry> sorted = scores.entrySet().stream().map(e -> new TopK.Entry(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingDouble(TopK.Entry::score).reversed()
                        .thenComparing(TopK.Entry::key))
                .toList();

        assertThat(TopK.best(20, scores)).containsExactlyElementsOf(sorted.subList(0, 20));
        assertThat(TopK.best(2_000, scores)).containsExactlyElementsOf(sorted);
        assertThat(TopK.best(0, scores)).isEmpty();
    }

    @Test
    void weakNewKeyDoesNotEvictStrongerOnesButStrongerOneReplacesTheWeakest() {
        TopK topK = TopK.empty(2, 0);
        topK.add("a", 5, 0);
        topK.add("b", 3, 0);

        assertThat(topK.add("c", 2, 0)).isFalse();
        assertThat(topK.add("d", 4, 0)).isTrue();

        assertThat(topK.entries()).extracting(TopK.Entry::key).containsExactly("a", "d");
    }

    @Test
    void scoreHalvesAfterOneHalfLife() {
        TopK topK = TopK.empty(3, HOUR);
        topK.add("old", 8, 0);
        topK.add("new", 1, HOUR);

        assertThat(topK.entries().get(0).score()).isCloseTo(4.0, within(1e-9));
        assertThat(topK.asOf()).isEqualTo(HOUR);
    }

    @Test
    void lateEventAddsItsWeightDecayedToCurrentTime() {
        TopK topK = TopK.empty(3, HOUR);
        topK.add("a", 1, 2 * HOUR);
        topK.add("b", 4, 0);

        assertThat(topK.entries()).containsExactly(new TopK.Entry("a", 1.0), new TopK.Entry("b", 1.0));
        assertThat(topK.asOf()).isEqualTo(2 * HOUR);
    }

    @Test
    void restoredFromEntriesKeepsOnlyTheBestCapacity() {
        TopK topK = new TopK(2, 0, 0, List.of(new TopK.Entry("x", 1), new TopK.Entry("y", 3), new TopK.Entry("z", 2)));

        assertThat(topK.entries()).extracting(TopK.Entry::key).containsExactly("y", "z");
    }
}
