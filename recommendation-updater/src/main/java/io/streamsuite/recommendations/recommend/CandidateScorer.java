package io.streamsuite.recommendations.recommend;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.history.UserHistory.Seen;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

    private static final Comparator<TopK.Entry> BEST_FIRST =
            Comparator.comparingDouble(TopK.Entry::score).reversed().thenComparing(TopK.Entry::key);

    private final int candidates;
    private final ItemSlots itemSlots;
    /** The lists decoded by this scorer when it is handed plain related items (see {@link #score}). */
    private final Map<String, Held> decoded = new HashMap<>();
    private double[] sums = new double[256];
    private boolean[] excluded = new boolean[256];
    private boolean[] touched = new boolean[256];
    private int[] visited = new int[256];
    private int visitedCount;

    public CandidateScorer(int candidates) {
        this(candidates, new ItemSlots());
    }

    /** Numbering items with {@code itemSlots}, which the related lists it is given ({@link #scoreRelated}) share. */
    public CandidateScorer(int candidates, ItemSlots itemSlots) {
        this.candidates = candidates;
        this.itemSlots = itemSlots;
    }

    /** Whether the newest item is so far above the fade base that the base should move up to the oldest item. */
    public static boolean needsRebase(List<Seen> recent, long fadeBase) {
        return !recent.isEmpty() && recent.get(0).sequence() - fadeBase > REBASE_AFTER;
    }

    /** The lowest sequence number of the recent items: the base a rebase moves to. */
    public static long rebased(List<Seen> recent) {
        return recent.stream().mapToLong(Seen::sequence).min().orElse(0);
    }

    /**
     * The best {@code candidates} items, best first (highest score, then item id), exactly as summing every related
     * weight into a map and taking {@link TopK#best}: the same sums in the same order, kept in an array indexed by a
     * number per item (the task's items, a catalog's worth) instead of a map of boxed doubles.
     */
    public List<TopK.Entry> score(List<Seen> recent, long fadeBase, Collection<String> purchased,
                                  Function<String, RelatedItems> related) {
        return scoreRelated(recent, fadeBase, purchased, itemId -> relatedOf(itemId, related.apply(itemId)));
    }

    /** As {@link #score}, from related lists already in slots of this scorer's {@link ItemSlots} ({@link Related#of}). */
    public List<TopK.Entry> scoreRelated(List<Seen> recent, long fadeBase, Collection<String> purchased,
                                         Function<String, Related> related) {
        int[] bought = new int[purchased.size()];
        int b = 0;
        for (String itemId : purchased) {
            bought[b] = itemSlots.slotOf(itemId);
            fit(bought[b++]);
        }
        for (int slot : bought) {
            excluded[slot] = true;
        }
        for (Seen seen : recent) {
            double fade = Math.pow(1 / RECENCY_FADE, seen.sequence() - fadeBase);
            Related items = related.apply(seen.itemId());
            if (items == null || !(items.strongest > 0)) {
                continue;
            }
            fit(items.highestSlot);
            double scale = seen.weight() * fade;
            for (int j = 0; j < items.slots.length; j++) {
                int slot = items.slots[j];
                if (excluded[slot]) {
                    continue;
                }
                if (!touched[slot]) {
                    touched[slot] = true;
                    sums[slot] = 0;
                    visited[visitedCount++] = slot;
                }
                sums[slot] += scale * items.weights[j] / items.strongest;
            }
        }
        List<TopK.Entry> best = best();
        for (int i = 0; i < visitedCount; i++) {
            touched[visited[i]] = false;
        }
        visitedCount = 0;
        for (int slot : bought) {
            excluded[slot] = false;
        }
        return best;
    }

    /**
     * A related-items list as item slots and weights, in the list's order, with its strongest (first) weight: what
     * scoring reads of it. Built once per list read (per instance when the global table keeps it, {@code DecodedTable}).
     */
    public record Related(int[] slots, double[] weights, double strongest, int highestSlot) {

        /** The list in {@code itemSlots}' numbers; null when it holds no items. */
        public static Related of(RelatedItems items, ItemSlots itemSlots) {
            if (items == null || items.getRelated().isEmpty()) {
                return null;
            }
            List<RelatedItem> list = items.getRelated();
            int[] itemSlotsOf = new int[list.size()];
            double[] weights = new double[list.size()];
            int highest = 0;
            for (int j = 0; j < list.size(); j++) {
                itemSlotsOf[j] = itemSlots.slotOf(list.get(j).getItemId());
                weights[j] = list.get(j).getWeight();
                highest = Math.max(highest, itemSlotsOf[j]);
            }
            return new Related(itemSlotsOf, weights, list.get(0).getWeight(), highest);
        }
    }

    /** A list this scorer built, with the value it was built from (rebuilt when the lookup hands out another). */
    private record Held(RelatedItems source, Related related) {
    }

    private Related relatedOf(String itemId, RelatedItems items) {
        if (items == null || items.getRelated().isEmpty()) {
            return null;
        }
        Held held = decoded.get(itemId);
        if (held != null && held.source == items) {
            return held.related;
        }
        Related built = Related.of(items, itemSlots);
        decoded.put(itemId, new Held(items, built));
        return built;
    }

    /** Grows the per-slot arrays to hold {@code slot}. */
    private void fit(int slot) {
        if (slot >= sums.length) {
            int size = Math.max(sums.length * 2, slot + 1);
            sums = Arrays.copyOf(sums, size);
            touched = Arrays.copyOf(touched, size);
            excluded = Arrays.copyOf(excluded, size);
            visited = Arrays.copyOf(visited, size);
        }
    }

    /** The best {@code candidates} of the slots visited, as {@link TopK#best} orders them. */
    private List<TopK.Entry> best() {
        PriorityQueue<TopK.Entry> kept = new PriorityQueue<>(candidates + 1, BEST_FIRST.reversed());
        for (int i = 0; i < visitedCount; i++) {
            int slot = visited[i];
            double score = sums[slot];
            if (kept.size() == candidates) {
                TopK.Entry weakest = kept.peek();
                int order = Double.compare(score, weakest.score());
                if (order < 0 || order == 0 && itemSlots.idOf(slot).compareTo(weakest.key()) >= 0) {
                    continue;
                }
                kept.poll();
            }
            kept.add(new TopK.Entry(itemSlots.idOf(slot), score));
        }
        List<TopK.Entry> best = new ArrayList<>(kept);
        best.sort(BEST_FIRST);
        return best;
    }
}
