package io.streamsuite.recommendations.history;

import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.recommend.Candidate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What one interaction changes downstream: pair batches keyed by item (to co-occurrence) and candidate
 * rows keyed by user/item (to the stock join; a null value removes the row). Never serialized: it is
 * split into the two streams in the same sub-topology.
 */
public record HistoryUpdate(List<KeyValue<String, PairBatch>> pairs, List<KeyValue<String, Candidate>> candidates) {
}
