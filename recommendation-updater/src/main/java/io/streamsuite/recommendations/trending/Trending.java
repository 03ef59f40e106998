package io.streamsuite.recommendations.trending;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.schemas.shop.TrendingItem;
import io.streamsuite.schemas.shop.TrendingItems;
import java.util.List;

/**
 * Popularity of a category's items in one window, bounded: the window keeps a few times more items than
 * it shows, so an item climbing into the top K has been counted since it entered the kept set.
 */
public final class Trending {

    /** How many more items a window keeps than it shows. */
    static final int KEPT_PER_SHOWN = 5;

    private final int size;

    public Trending(int size) {
        this.size = size;
    }

    /** One interaction as a window's worth of popularity, to be added to the category's window. */
    public static TrendingItems single(String category, String itemId, double weight) {
        return new TrendingItems(category, List.of(new TrendingItem(itemId, weight)));
    }

    public static TrendingItems empty() {
        return new TrendingItems("", List.of());
    }

    public TrendingItems add(String category, TrendingItems signal, TrendingItems window) {
        TopK kept = new TopK(size * KEPT_PER_SHOWN, 0, 0,
                window.getItems().stream().map(i -> new TopK.Entry(i.getItemId(), i.getScore())).toList());
        for (TrendingItem item : signal.getItems()) {
            kept.add(item.getItemId(), item.getScore(), 0);
        }
        return new TrendingItems(category, kept.entries().stream()
                .map(e -> new TrendingItem(e.key(), e.score())).toList());
    }
}
