package io.streamsuite.recommendations.recommend;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.history.UserHistory.Seen;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A user's candidates: the items related to their recent items, each recent item's related weights
 * scaled to its strongest (so a popular item does not drown the rest), weighted by the user's signal
 * on it and fading by recency rank. Items the user bought are never candidates.
 */
public final class CandidateScorer {

    /** Each older recent item counts this much less than the one after it. */
    static final double RECENCY_FADE = 0.8;

    private final int candidates;

    public CandidateScorer(int candidates) {
        this.candidates = candidates;
    }

    public List<TopK.Entry> score(List<Seen> recent, Collection<String> purchased, Function<String, RelatedItems> related) {
        // No eviction before the end: every item's sum is complete, then the best are taken.
        java.util.Map<String, Double> sums = new java.util.HashMap<>();
        double fade = 1.0;
        for (Seen seen : recent) {
            RelatedItems items = related.apply(seen.itemId());
            if (items != null && !items.getRelated().isEmpty()) {
                double strongest = items.getRelated().get(0).getWeight();
                for (RelatedItem item : items.getRelated()) {
                    if (strongest > 0 && !purchased.contains(item.getItemId())) {
                        sums.merge(item.getItemId(), seen.weight() * fade * item.getWeight() / strongest, Double::sum);
                    }
                }
            }
            fade *= RECENCY_FADE;
        }
        TopK best = new TopK(candidates, 0, 0, sums.entrySet().stream()
                .map(e -> new TopK.Entry(e.getKey(), e.getValue())).toList());
        return best.entries();
    }
}
