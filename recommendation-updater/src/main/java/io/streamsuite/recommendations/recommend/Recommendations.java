package io.streamsuite.recommendations.recommend;

import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a user is recommended: the best {@code size} of their offered candidates that may be recommended (in the
 * catalog and in stock), best first, each score relative to the best one (1.0); the candidates' own scale grows with
 * the user's interactions ({@code CandidateScorer}). Offered candidates are kept whatever their stock, so an item
 * that comes back is recommended again without the user acting.
 */
public final class Recommendations {

    private static final Comparator<RecommendedItem> BEST_FIRST =
            Comparator.comparingDouble(RecommendedItem::getScore).reversed().thenComparing(RecommendedItem::getItemId);

    private Recommendations() {
    }

    public static UserRecommendations of(String userId, Map<String, Double> offered, Predicate<String> recommendable,
                                         int size, Instant updatedAt) {
        List<RecommendedItem> available = new ArrayList<>(offered.size());
        for (Map.Entry<String, Double> offer : offered.entrySet()) {
            if (recommendable.test(offer.getKey())) {
                available.add(new RecommendedItem(offer.getKey(), offer.getValue()));
            }
        }
        available.sort(BEST_FIRST);
        List<RecommendedItem> best = new ArrayList<>(Math.min(size, available.size()));
        for (RecommendedItem item : available.subList(0, Math.min(size, available.size()))) {
            best.add(new RecommendedItem(item.getItemId(), item.getScore() / available.get(0).getScore()));
        }
        return new UserRecommendations(userId, List.copyOf(best), updatedAt);
    }
}
