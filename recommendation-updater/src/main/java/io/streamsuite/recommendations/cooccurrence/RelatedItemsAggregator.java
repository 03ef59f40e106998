package io.streamsuite.recommendations.cooccurrence;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Per item (the key): adds a batch of co-occurrences to the item's related items, decayed by event time and
 * capped at the configured count ({@link TopK}). An aggregate, so the record cache folds a hot item's batches
 * into one published list per commit instead of one per batch.
 */
public final class RelatedItemsAggregator implements Aggregator<String, PairBatch, RelatedItems> {

    private final int relatedSize;
    private final long halfLifeMillis;

    public RelatedItemsAggregator(int relatedSize, Duration halfLife) {
        this.relatedSize = relatedSize;
        this.halfLifeMillis = halfLife.toMillis();
    }

    /** No related items yet (the aggregate's initial value; an empty list is never published). */
    public static RelatedItems none() {
        return new RelatedItems("", List.of(), Instant.EPOCH);
    }

    @Override
    public RelatedItems apply(String itemId, PairBatch batch, RelatedItems before) {
        TopK topK = before == null || before.getRelated().isEmpty() ? TopK.empty(relatedSize, halfLifeMillis)
                : new TopK(relatedSize, halfLifeMillis, before.getUpdatedAt().toEpochMilli(),
                        before.getRelated().stream().map(r -> new TopK.Entry(r.getItemId(), r.getWeight())).toList());
        long time = batch.time() == PairBatch.UNKNOWN_TIME ? topK.asOf() : batch.time();
        for (PairBatch.Pair pair : batch.pairs()) {
            topK.add(pair.itemId(), pair.weight(), time);
        }
        List<RelatedItem> related = topK.entries().stream()
                .map(e -> new RelatedItem(e.key(), e.score()))
                .toList();
        return new RelatedItems(itemId, related, Instant.ofEpochMilli(topK.asOf()));
    }
}
