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
 * on it and fading by recency: each later interaction makes an item count {@link #RECENCY_FADE} as much.
 * Items the user bought are never candidates.
 *
 * <p>The fade is kept as growth instead: an item counts {@code (1 / RECENCY_FADE)^(sequence - fadeBase)}, so
 * a new interaction adds its related items without moving the scores of the rest (the same order as fading
 * every older item, and only the candidates that actually changed move the user's recommendations). The
 * history moves its base up now and then ({@link #needsRebase}) to keep the numbers small.
 */
public final class CandidateScorer {

    /** Each older recent item counts this much less than the one after it. */
    static final double RECENCY_FADE = 0.8;
    /** Most interactions above the fade base before it moves (1.25^40 ≈ 7,500). */
    static final int REBASE_AFTER = 40;

    private final int candidates;

    public CandidateScorer(int candidates) {
        this.candidates = candidates;
    }

    /** Whether the newest item is so far above the fade base that the base should move up to the oldest item. */
    public static boolean needsRebase(List<Seen> recent, long fadeBase) {
        return !recent.isEmpty() && recent.get(0).sequence() - fadeBase > REBASE_AFTER;
    }

    /** The lowest sequence number of the recent items: the base a rebase moves to. */
    public static long rebased(List<Seen> recent) {
        return recent.stream().mapToLong(Seen::sequence).min().orElse(0);
    }

    public List<TopK.Entry> score(List<Seen> recent, long fadeBase, Collection<String> purchased,
                                  Function<String, RelatedItems> related) {
        // No eviction before the end: every item's sum is complete, then the best are taken.
        java.util.Map<String, Double> sums = new java.util.HashMap<>();
        for (Seen seen : recent) {
            double fade = Math.pow(1 / RECENCY_FADE, seen.sequence() - fadeBase);
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
        return TopK.best(candidates, sums);
    }
}
