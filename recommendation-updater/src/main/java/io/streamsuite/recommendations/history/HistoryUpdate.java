package io.streamsuite.recommendations.history;

import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What one user-side record changes downstream: pair batches keyed by item (to co-occurrence) and the user's
 * recommendations when they changed (null otherwise), keyed by the record's user. Never serialized: it is split
 * into the two streams in the same sub-topology.
 */
public record HistoryUpdate(List<KeyValue<String, PairBatch>> pairs, UserRecommendations recommendations) {
}
