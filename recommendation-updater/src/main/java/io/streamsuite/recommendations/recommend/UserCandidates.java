package io.streamsuite.recommendations.recommend;

import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A user's in-stock candidates, best first: the aggregate of the stock join's rows grouped by user.
 * The adder and subtractor keep it to the rows the join currently holds, which the history processor
 * caps, so it is bounded too.
 */
public final class UserCandidates {

    private static final Comparator<RecommendedItem> BEST_FIRST =
            Comparator.comparingDouble(RecommendedItem::getScore).reversed().thenComparing(RecommendedItem::getItemId);

    private UserCandidates() {
    }

    public static UserRecommendations empty() {
        return new UserRecommendations("", List.of(), Instant.EPOCH);
    }

    public static UserRecommendations add(String userId, Candidate candidate, UserRecommendations all) {
        List<RecommendedItem> items = without(all.getItems(), candidate.itemId());
        items.add(new RecommendedItem(candidate.itemId(), candidate.score()));
        items.sort(BEST_FIRST);
        Instant at = Instant.ofEpochMilli(Math.max(all.getUpdatedAt().toEpochMilli(), candidate.time()));
        return new UserRecommendations(userId, items, at);
    }

    public static UserRecommendations remove(String userId, Candidate candidate, UserRecommendations all) {
        return new UserRecommendations(userId, without(all.getItems(), candidate.itemId()), all.getUpdatedAt());
    }

    /**
     * The best {@code size}: what is published and answered over REST, each score relative to the best one (1.0);
     * the candidates' own scale grows with the user's interactions ({@code CandidateScorer}).
     */
    public static UserRecommendations top(UserRecommendations all, int size) {
        List<RecommendedItem> items = all.getItems();
        List<RecommendedItem> best = new ArrayList<>(Math.min(size, items.size()));
        for (RecommendedItem item : items.subList(0, Math.min(size, items.size()))) {
            best.add(new RecommendedItem(item.getItemId(), item.getScore() / items.get(0).getScore()));
        }
        return new UserRecommendations(all.getUserId(), List.copyOf(best), all.getUpdatedAt());
    }

    private static List<RecommendedItem> without(List<RecommendedItem> items, String itemId) {
        List<RecommendedItem> kept = new ArrayList<>(items.size() + 1);
        for (RecommendedItem item : items) {
            if (!item.getItemId().equals(itemId)) {
                kept.add(item);
            }
        }
        return kept;
    }
}
