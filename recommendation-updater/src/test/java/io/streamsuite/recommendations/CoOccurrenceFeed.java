package io.streamsuite.recommendations;

import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.cooccurrence.RelatedItemsAggregator;
import io.streamsuite.recommendations.history.HistoryUpdate;
import io.streamsuite.schemas.shop.RelatedItems;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The co-occurrence stage and the related-items global table, played by hand for tests that drive the history
 * processor alone: each pair batch it forwards is aggregated (one value per item, as Kafka Streams keeps the
 * aggregate) and put in the global store it reads.
 */
final class CoOccurrenceFeed {

    private final RelatedItemsAggregator coOccurrence;
    private final TimestampedKeyValueStore<String, RelatedItems> global;
    private final Map<String, RelatedItems> related = new HashMap<>();

    CoOccurrenceFeed(RecommendationSettings settings, TimestampedKeyValueStore<String, RelatedItems> global) {
        this.coOccurrence = new RelatedItemsAggregator(settings.relatedSize(), settings.halfLife());
        this.global = global;
    }

    void apply(HistoryUpdate update, long at) {
        for (KeyValue<String, PairBatch> batch : update.pairs()) {
            RelatedItems after = coOccurrence.apply(batch.key, batch.value,
                    related.getOrDefault(batch.key, RelatedItemsAggregator.none()));
            related.put(batch.key, after);
            global.put(batch.key, ValueAndTimestamp.make(after, at));
        }
    }

    /** The aggregate per item so far. */
    Map<String, RelatedItems> related() {
        return related;
    }
}
