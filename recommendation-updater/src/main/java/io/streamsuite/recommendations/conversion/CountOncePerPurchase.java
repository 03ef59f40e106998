package io.streamsuite.recommendations.conversion;

import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.schemas.shop.UserInteraction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The view–purchase join emits one match per view; a purchase converts once, however many views
 * preceded it (or arrive late). Remembers counted purchase ids, in a window store that forgets them once
 * no more matches can come.
 */
public final class CountOncePerPurchase implements Processor<String, UserInteraction, String, UserInteraction> {

    private ProcessorContext<String, UserInteraction> context;
    private WindowStore<String, Long> counted;

    @Override
    public void init(ProcessorContext<String, UserInteraction> context) {
        this.context = context;
        this.counted = context.getStateStore(RecommendationTopics.COUNTED_PURCHASES_STORE);
    }

    @Override
    public void process(Record<String, UserInteraction> record) {
        UserInteraction purchase = record.value();
        String purchaseId = purchase.getInteractionId();
        long at = purchase.getEventTime().toEpochMilli();
        try (WindowStoreIterator<Long> seen = counted.fetch(purchaseId, at, at)) {
            if (seen.hasNext()) {
                return;
            }
        }
        counted.put(purchaseId, at, at);
        context.forward(record);
    }
}
