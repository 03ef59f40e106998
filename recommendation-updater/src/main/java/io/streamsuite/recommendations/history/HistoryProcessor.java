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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per user (the input's key): pairs the new interaction with the user's recent items, updates the
 * bounded history, rescoring the user's candidates from the related items (global store), and sends the
 * candidate rows that changed to the stock join. Decides everything first, then writes the history.
 *
 * <p>A user is also re-scored without acting: every {@code refreshEvery} (wall clock) the task takes the
 * next {@code refreshBatch} users of its history store (a cursor walks it and starts over) and scores them
 * from the related items as they are now, so recommendations made before the co-occurrences were learned
 * catch up. A task that processed interactions since the last refresh takes a 25th of the batch: under load
 * the users who act are re-scored anyway, and a drain is not slowed by churn it would redo. A re-score is a function of the history and the global table only (its time is the user's
 * latest interaction's), so with the table still it changes nothing.
 */
public final class HistoryProcessor implements Processor<String, UserInteraction, String, HistoryUpdate> {

    /** A busy task re-scores this much less per refresh. */
    static final int BUSY_SHARE = 25;

    private final RecommendationSettings settings;
    private final CandidateScorer scorer;
    private ProcessorContext<String, HistoryUpdate> context;
    private KeyValueStore<String, UserHistory> histories;
    private KeyValueStore<String, ValueAndTimestamp<RelatedItems>> related;
    private String refreshedUpTo;
    private boolean busy;

    public HistoryProcessor(RecommendationSettings settings) {
        this.settings = settings;
        this.scorer = new CandidateScorer(settings.candidates());
    }

    @Override
    public void init(ProcessorContext<String, HistoryUpdate> context) {
        this.context = context;
        this.histories = context.getStateStore(RecommendationTopics.USER_HISTORY_STORE);
        this.related = context.getStateStore(RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE);
        if (!settings.refreshEvery().isZero()) {
            context.schedule(settings.refreshEvery(), PunctuationType.WALL_CLOCK_TIME, now -> refresh());
        }
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
        busy = true;
        long time = record.timestamp();
        UserHistory before = histories.get(userId);
        if (before == null) {
            before = UserHistory.EMPTY;
        }

        List<KeyValue<String, PairBatch>> pairs = pairs(itemId, weight, time, before.recent());
        List<Seen> recent = before.recentAfter(new Seen(itemId, weight, time, before.nextSequence()),
                settings.historySize());
        long fadeBase = CandidateScorer.needsRebase(recent, before.fadeBase())
                ? CandidateScorer.rebased(recent) : before.fadeBase();
        List<String> purchased = interaction.getType() == InteractionType.PURCHASE
                ? before.purchasedAfter(itemId, settings.purchasedSize()) : before.purchased();
        Map<String, Double> offered = new LinkedHashMap<>();
        List<KeyValue<String, Candidate>> changes = rescore(userId, recent, fadeBase, purchased, before.offered(), time,
                offered);

        histories.put(userId, new UserHistory(recent, purchased, offered, fadeBase));
        context.forward(record.withValue(new HistoryUpdate(pairs, changes)));
    }

    /** Re-scores the next batch of users; those whose candidates moved send the changed rows. */
    private void refresh() {
        int size = busy ? Math.max(1, settings.refreshBatch() / BUSY_SHARE) : settings.refreshBatch();
        busy = false;
        List<KeyValue<String, UserHistory>> batch = new ArrayList<>(size);
        try (KeyValueIterator<String, UserHistory> users = histories.range(refreshedUpTo, null)) {
            while (users.hasNext() && batch.size() < size) {
                KeyValue<String, UserHistory> user = users.next();
                if (!user.key.equals(refreshedUpTo)) {
                    batch.add(user);
                }
            }
            refreshedUpTo = users.hasNext() && !batch.isEmpty() ? batch.get(batch.size() - 1).key : null;
        }
        for (KeyValue<String, UserHistory> user : batch) {
            UserHistory history = user.value;
            if (history.recent().isEmpty()) {
                continue;
            }
            long time = history.recent().get(0).time();
            Map<String, Double> offered = new LinkedHashMap<>();
            List<KeyValue<String, Candidate>> changes = rescore(user.key, history.recent(), history.fadeBase(),
                    history.purchased(), history.offered(), time, offered);
            if (!changes.isEmpty()) {
                histories.put(user.key, new UserHistory(history.recent(), history.purchased(), offered,
                        history.fadeBase()));
                context.forward(new Record<>(user.key, new HistoryUpdate(List.of(), changes), time));
            }
        }
    }

    /**
     * Scores the user's candidates into {@code offered} (a candidate whose score barely moved keeps the score
     * the join holds) and returns the candidate rows to send: new or re-scored ones, and removals.
     */
    private List<KeyValue<String, Candidate>> rescore(String userId, List<Seen> recent, long fadeBase,
                                                      List<String> purchased, Map<String, Double> before, long time,
                                                      Map<String, Double> offered) {
        List<TopK.Entry> scored = scorer.score(recent, fadeBase, new HashSet<>(purchased), this::relatedOf);
        List<KeyValue<String, Candidate>> changes = new ArrayList<>();
        for (TopK.Entry entry : scored) {
            Double held = before.get(entry.key());
            if (held != null && Math.abs(entry.score() - held) <= settings.rescoreThreshold() * held) {
                offered.put(entry.key(), held);
            } else {
                offered.put(entry.key(), entry.score());
                changes.add(KeyValue.pair(Candidate.key(userId, entry.key()),
                        new Candidate(userId, entry.key(), entry.score(), time)));
            }
        }
        for (String dropped : before.keySet()) {
            if (!offered.containsKey(dropped)) {
                changes.add(KeyValue.pair(Candidate.key(userId, dropped), null));
            }
        }
        return changes;
    }

    /** The new item with each recent one, both ways; a pair is as strong as its weaker signal. */
    private static List<KeyValue<String, PairBatch>> pairs(String itemId, double weight, long time, List<Seen> recent) {
        List<PairBatch.Pair> withNew = new ArrayList<>(recent.size());
        List<KeyValue<String, PairBatch>> batches = new ArrayList<>(recent.size() + 1);
        for (Seen seen : recent) {
            if (!seen.itemId().equals(itemId)) {
                double pairWeight = Math.min(weight, seen.weight());
                withNew.add(new PairBatch.Pair(seen.itemId(), pairWeight));
                batches.add(KeyValue.pair(seen.itemId(),
                        new PairBatch(List.of(new PairBatch.Pair(itemId, pairWeight)), time)));
            }
        }
        if (!withNew.isEmpty()) {
            batches.add(KeyValue.pair(itemId, new PairBatch(List.copyOf(withNew), time)));
        }
        return batches;
    }

    private RelatedItems relatedOf(String itemId) {
        ValueAndTimestamp<RelatedItems> found = related.get(itemId);
        return found == null ? null : found.value();
    }
}
