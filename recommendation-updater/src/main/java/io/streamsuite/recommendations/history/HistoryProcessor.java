package io.streamsuite.recommendations.history;

import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.Ids;
import io.streamsuite.recommendations.RecommendationSettings;
import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.history.UserHistory.Seen;
import io.streamsuite.recommendations.recommend.Candidate;
import io.streamsuite.recommendations.recommend.CandidateScorer;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserInteraction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per user (the input's key): pairs the new interaction with the user's recent items, updates the
 * bounded history, rescoring the user's candidates from the related items (global store), and sends the
 * candidate rows that changed to the stock join. Decides everything first, then writes the history.
 */
public final class HistoryProcessor implements Processor<String, UserInteraction, String, HistoryUpdate> {

    private final RecommendationSettings settings;
    private final CandidateScorer scorer;
    private ProcessorContext<String, HistoryUpdate> context;
    private KeyValueStore<String, UserHistory> histories;
    private KeyValueStore<String, ValueAndTimestamp<RelatedItems>> related;

    public HistoryProcessor(RecommendationSettings settings) {
        this.settings = settings;
        this.scorer = new CandidateScorer(settings.candidates());
    }

    @Override
    public void init(ProcessorContext<String, HistoryUpdate> context) {
        this.context = context;
        this.histories = context.getStateStore(RecommendationTopics.USER_HISTORY_STORE);
        this.related = context.getStateStore(RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE);
    }

    @Override
    public void process(Record<String, UserInteraction> record) {
        UserInteraction interaction = record.value();
        if (interaction == null) {
            return;
        }
        String userId = interaction.getUserId();
        String itemId = interaction.getItemId();
        if (!Ids.isValid(userId) || !Ids.isValid(itemId)) {
            throw new InvalidInteractionException("user and item ids must be " + Ids.RULE);
        }
        double weight = settings.weights().of(interaction);
        if (weight <= 0) {
            return;
        }
        long time = record.timestamp();
        UserHistory before = histories.get(userId);
        if (before == null) {
            before = UserHistory.EMPTY;
        }

        List<KeyValue<String, PairBatch>> pairs = pairs(itemId, weight, before.recent());
        List<Seen> recent = before.recentAfter(new Seen(itemId, weight, time), settings.historySize());
        List<String> purchased = interaction.getType() == InteractionType.PURCHASE
                ? before.purchasedAfter(itemId, settings.purchasedSize()) : before.purchased();
        Set<String> bought = new HashSet<>(purchased);
        List<TopK.Entry> scored = scorer.score(recent, bought, this::relatedOf);
        Map<String, Double> offered = new LinkedHashMap<>();
        List<KeyValue<String, Candidate>> changes = new ArrayList<>();
        for (TopK.Entry entry : scored) {
            Double held = before.offered().get(entry.key());
            if (held != null && Math.abs(entry.score() - held) <= settings.rescoreThreshold() * held) {
                offered.put(entry.key(), held);
            } else {
                offered.put(entry.key(), entry.score());
                changes.add(KeyValue.pair(Candidate.key(userId, entry.key()),
                        new Candidate(userId, entry.key(), entry.score(), time)));
            }
        }
        for (String dropped : before.offered().keySet()) {
            if (!offered.containsKey(dropped)) {
                changes.add(KeyValue.pair(Candidate.key(userId, dropped), null));
            }
        }

        histories.put(userId, new UserHistory(recent, purchased, offered));
        context.forward(record.withValue(new HistoryUpdate(pairs, changes)));
    }

    /** The new item with each recent one, both ways; a pair is as strong as its weaker signal. */
    private static List<KeyValue<String, PairBatch>> pairs(String itemId, double weight, List<Seen> recent) {
        List<PairBatch.Pair> withNew = new ArrayList<>(recent.size());
        List<KeyValue<String, PairBatch>> batches = new ArrayList<>(recent.size() + 1);
        for (Seen seen : recent) {
            if (!seen.itemId().equals(itemId)) {
                double pairWeight = Math.min(weight, seen.weight());
                withNew.add(new PairBatch.Pair(seen.itemId(), pairWeight));
                batches.add(KeyValue.pair(seen.itemId(), new PairBatch(List.of(new PairBatch.Pair(itemId, pairWeight)))));
            }
        }
        if (!withNew.isEmpty()) {
            batches.add(KeyValue.pair(itemId, new PairBatch(List.copyOf(withNew))));
        }
        return batches;
    }

    private RelatedItems relatedOf(String itemId) {
        ValueAndTimestamp<RelatedItems> found = related.get(itemId);
        return found == null ? null : found.value();
    }
}
