package io.streamsuite.recommendations.cooccurrence;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.schemas.shop.RelatedItem;
import io.streamsuite.schemas.shop.RelatedItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per item (the key): adds a batch of co-occurrences to the item's related items, decayed by event
 * time and capped at the configured count ({@link TopK}), stores and forwards the new list.
 */
public final class RelatedItemsProcessor implements Processor<String, PairBatch, String, RelatedItems> {

    private final int relatedSize;
    private final long halfLifeMillis;
    private ProcessorContext<String, RelatedItems> context;
    private KeyValueStore<String, RelatedItems> store;

    public RelatedItemsProcessor(int relatedSize, Duration halfLife) {
        this.relatedSize = relatedSize;
        this.halfLifeMillis = halfLife.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, RelatedItems> context) {
        this.context = context;
        this.store = context.getStateStore(RecommendationTopics.RELATED_ITEMS_STORE);
    }

    @Override
    public void process(Record<String, PairBatch> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        RelatedItems before = store.get(record.key());
        TopK topK = before == null ? TopK.empty(relatedSize, halfLifeMillis)
                : new TopK(relatedSize, halfLifeMillis, before.getUpdatedAt().toEpochMilli(),
                        before.getRelated().stream().map(r -> new TopK.Entry(r.getItemId(), r.getWeight())).toList());
        for (PairBatch.Pair pair : record.value().pairs()) {
            topK.add(pair.itemId(), pair.weight(), record.timestamp());
        }
        List<RelatedItem> related = topK.entries().stream()
                .map(e -> new RelatedItem(e.key(), e.score()))
                .toList();
        RelatedItems after = new RelatedItems(record.key(), related, Instant.ofEpochMilli(topK.asOf()));
        store.put(record.key(), after);
        context.forward(record.withValue(after));
    }
}
