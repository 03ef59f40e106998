package io.streamsuite.recommendations.history;

import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.topk.TopK;
import io.streamsuite.recommendations.Ids;
import io.streamsuite.recommendations.RecommendationSettings;
import io.streamsuite.recommendations.RecommendationTopics;
import io.streamsuite.recommendations.cooccurrence.PairBatch;
import io.streamsuite.recommendations.cooccurrence.PendingPairs;
import io.streamsuite.recommendations.history.UserHistory.Seen;
import io.streamsuite.recommendations.recommend.CandidateScorer;
import io.streamsuite.recommendations.recommend.ItemSlots;
import io.streamsuite.recommendations.recommend.OfferedIndex;
import io.streamsuite.recommendations.recommend.Recommendations;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per user (the input's key): pairs the new interaction with the user's recent items, updates the
 * bounded history, rescoring the user's candidates from the related items (global store), and publishes the
 * user's recommendations when they changed. Decides everything first, then writes the history: in memory, the
 * store getting each changed history once per commit ({@link UserHistories}, through the task's commit hook).
 *
 * <p>Stock reaches every recommendation from here too: each catalog change of an item arrives on every partition
 * ({@link UserSideInput.Availability}); the task keeps which items may be recommended ({@code recs.stock}, one
 * entry per catalog item) and, in memory, which of its users offer each item ({@link OfferedIndex}, derived from
 * the histories), and re-publishes exactly those users' recommendations. Offered candidates are kept whatever
 * their stock, so nothing needs re-scoring: a stock change only filters what is published.
 *
 * <p>A user is also re-scored without acting: every {@code refreshEvery} (wall clock) the task takes the
 * next {@code refreshBatch} users of its history store (a cursor walks it and starts over) and scores them
 * from the related items as they are now, so recommendations made before the co-occurrences were learned
 * catch up. A task that processed interactions since the last refresh takes a 100th of the batch: under load
 * the users who act are re-scored anyway, and a drain is not slowed by churn it would redo. A re-score is a
 * function of the history and the global table only (its time is the user's latest interaction's), so with the
 * table still it changes nothing.
 */
public final class HistoryProcessor implements Processor<String, UserSideInput, String, HistoryUpdate> {

    /** A busy task re-scores this much less per refresh. */
    static final int BUSY_SHARE = 100;

    private final RecommendationSettings settings;
    private final CandidateScorer scorer;
    private final Function<String, CandidateScorer.Related> relatedLists;
    private OfferedIndex offering;
    private ProcessorContext<String, HistoryUpdate> context;
    private KeyValueStore<String, UserHistory> historyStore;
    private UserHistories histories;
    private KeyValueStore<String, ValueAndTimestamp<RelatedItems>> related;
    private KeyValueStore<String, Boolean> stock;
    /** What {@code stock} holds, read for every candidate published: a hash lookup, not a store read. */
    private final Set<String> inStock = new HashSet<>();
    private TimestampedKeyValueStore<String, UserRecommendations> published;
    private PendingPairs pending;
    private String refreshedUpTo;
    private boolean busy;

    /** Reads the related items from the global store ({@link RecommendationTopics#RELATED_ITEMS_GLOBAL_STORE}). */
    public HistoryProcessor(RecommendationSettings settings) {
        this.settings = settings;
        this.scorer = new CandidateScorer(settings.candidates());
        this.relatedLists = null;
    }

    /**
     * Reads the related lists from {@code relatedLists} (the global table kept decoded, each list in the slots of
     * {@code itemSlots}), not its store.
     */
    public HistoryProcessor(RecommendationSettings settings, Function<String, CandidateScorer.Related> relatedLists,
                            ItemSlots itemSlots) {
        this.settings = settings;
        this.scorer = new CandidateScorer(settings.candidates(), itemSlots);
        this.relatedLists = relatedLists;
    }

    @Override
    public void init(ProcessorContext<String, HistoryUpdate> context) {
        this.context = context;
        this.historyStore = context.getStateStore(RecommendationTopics.USER_HISTORY_STORE);
        if (relatedLists == null) {
            this.related = context.getStateStore(RecommendationTopics.RELATED_ITEMS_GLOBAL_STORE);
        }
        this.stock = context.getStateStore(RecommendationTopics.STOCK_STORE);
        this.published = context.getStateStore(RecommendationTopics.RECOMMENDATIONS_STORE);
        // Init runs after the stores are restored (again after a rollback): the index and the published
        // recommendations (in memory, no changelog) are derived from what they hold.
        offering = new OfferedIndex();
        inStock.clear();
        try (KeyValueIterator<String, Boolean> items = stock.all()) {
            items.forEachRemaining(item -> inStock.add(item.key));
        }
        forgetPublished();
        try (KeyValueIterator<String, UserHistory> users = historyStore.all()) {
            while (users.hasNext()) {
                KeyValue<String, UserHistory> user = users.next();
                offering.update(user.key, Set.of(), user.value.offered().keySet());
                UserRecommendations held = publishedOf(user.key, user.value, this::isRecommendable);
                if (held != null) {
                    published.put(user.key, ValueAndTimestamp.make(held, user.value.publishedAt()));
                }
            }
        }
        if (!settings.refreshEvery().isZero()) {
            context.schedule(settings.refreshEvery(), PunctuationType.WALL_CLOCK_TIME, now -> refresh());
        }
        // The topology always connects the hook; a processor driven alone in a test may have none.
        boolean hooked = context.getStateStore(RecommendationTopics.USER_SIDE_COMMIT_HOOK) instanceof CommitHook;
        histories = new UserHistories(historyStore, hooked);
        pending = null;
        if (!settings.pairFlushEvery().isZero()) {
            pending = new PendingPairs(context.getStateStore(RecommendationTopics.PENDING_PAIRS_STORE),
                    settings.halfLife().toMillis());
            context.schedule(settings.pairFlushEvery(), PunctuationType.WALL_CLOCK_TIME, now -> flushPairs());
        }
        if (hooked || pending != null) {
            CommitHook.of(context, RecommendationTopics.USER_SIDE_COMMIT_HOOK).beforeCommit(this, this::writeChanged);
        }
    }

    @Override
    public void process(Record<String, UserSideInput> record) {
        if (record.value() instanceof UserSideInput.Acted acted && acted.interaction() != null) {
            act(record, acted.interaction());
        } else if (record.value() instanceof UserSideInput.Availability availability) {
            availabilityChanged(record, availability.recommendable());
        }
    }

    /** How many user-item entries the task's stock lookup holds (one per offered candidate). */
    public int offeredEntries() {
        return offering.entries();
    }

    private void act(Record<String, UserSideInput> record, UserInteraction interaction) {
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
        boolean moved = rescore(recent, fadeBase, purchased, before.offered(), offered);

        if (pending != null) {
            pairs = pending.add(pairs);
        }
        UserRecommendations changed = moved ? offer(userId, before, offered, time) : null;
        histories.put(userId, new UserHistory(recent, purchased, offered, fadeBase, publishedAt(changed, before)));
        if (!pairs.isEmpty() || changed != null) {
            context.forward(record.withValue(new HistoryUpdate(pairs, changed)));
        }
    }

    /** At each commit: what the task holds in memory goes to its stores, in the commit's transaction. */
    private void writeChanged() {
        histories.writeChanged();
        if (pending != null) {
            pending.writeChanged();
        }
    }

    /** Sends every pair batch held, one record per target item. */
    private void flushPairs() {
        for (KeyValue<String, PairBatch> batch : pending.drain()) {
            context.forward(new Record<>(batch.key, new HistoryUpdate(List.of(batch), null), batch.value.time()));
        }
    }

    /** Re-scores the next batch of users; those whose candidates moved are published again if that changed them. */
    private void refresh() {
        int size = busy ? Math.max(1, settings.refreshBatch() / BUSY_SHARE) : settings.refreshBatch();
        busy = false;
        List<KeyValue<String, UserHistory>> batch = new ArrayList<>(size);
        try (KeyValueIterator<String, UserHistory> users = historyStore.range(refreshedUpTo, null)) {
            while (users.hasNext() && batch.size() < size) {
                KeyValue<String, UserHistory> user = users.next();
                if (!user.key.equals(refreshedUpTo)) {
                    batch.add(KeyValue.pair(user.key, histories.current(user.key, user.value)));
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
            if (rescore(history.recent(), history.fadeBase(), history.purchased(), history.offered(), offered)) {
                UserRecommendations changed = offer(user.key, history, offered, time);
                histories.put(user.key, history.offering(offered, publishedAt(changed, history)));
                if (changed != null) {
                    context.forward(new Record<>(user.key, new HistoryUpdate(List.of(), changed), time));
                }
            }
        }
    }

    /**
     * An item's availability arrived (on every partition): when it changed, the task's users offering it get their
     * recommendations again, filtered by the new stock.
     */
    private void availabilityChanged(Record<String, UserSideInput> record, boolean recommendable) {
        String itemId = record.key();
        if (itemId == null || recommendable == isRecommendable(itemId)) {
            return;
        }
        if (recommendable) {
            stock.put(itemId, Boolean.TRUE);
            inStock.add(itemId);
        } else {
            stock.delete(itemId);
            inStock.remove(itemId);
        }
        Predicate<String> stockBefore = id -> id.equals(itemId) ? !recommendable : isRecommendable(id);
        for (String userId : offering.usersOffering(itemId)) {
            UserHistory history = histories.get(userId);
            if (history == null) {
                continue;
            }
            UserRecommendations held = publishedOf(userId, history, stockBefore);
            // Stock moves no candidate: the time stays that of the last change the user's own activity made.
            Instant at = held != null ? held.getUpdatedAt()
                    : Instant.ofEpochMilli(history.recent().isEmpty() ? record.timestamp() : history.recent().get(0).time());
            UserRecommendations next = Recommendations.of(userId, history.offered(), this::isRecommendable,
                    settings.recommendations(), at);
            if (publishes(held, next)) {
                published.put(userId, ValueAndTimestamp.make(next, at.toEpochMilli()));
                if (held == null) {
                    histories.put(userId, history.offering(history.offered(), at.toEpochMilli()));
                }
                context.forward(new Record<>(userId, new HistoryUpdate(List.of(), next), record.timestamp()));
            }
        }
    }

    /**
     * The user's offered candidates moved: indexes them and returns the recommendations to publish (written to the
     * store), or null when they are what was published already.
     */
    private UserRecommendations offer(String userId, UserHistory before, Map<String, Double> offered, long time) {
        offering.update(userId, before.offered().keySet(), offered.keySet());
        UserRecommendations held = publishedOf(userId, before, this::isRecommendable);
        Instant at = Instant.ofEpochMilli(held == null ? time : Math.max(before.publishedAt(), time));
        UserRecommendations next = Recommendations.of(userId, offered, this::isRecommendable,
                settings.recommendations(), at);
        if (!publishes(held, next)) {
            return null;
        }
        published.put(userId, ValueAndTimestamp.make(next, at.toEpochMilli()));
        return next;
    }

    /**
     * What was last published for the user (null: nothing), derived from the history: its offered candidates under
     * {@code stockThen}, at its publication time. The store holds exactly this; deriving it saves reading it back.
     */
    private UserRecommendations publishedOf(String userId, UserHistory history, Predicate<String> stockThen) {
        return history.publishedAt() == UserHistory.NEVER_PUBLISHED ? null
                : Recommendations.of(userId, history.offered(), stockThen, settings.recommendations(),
                        Instant.ofEpochMilli(history.publishedAt()));
    }

    private static long publishedAt(UserRecommendations changed, UserHistory before) {
        return changed != null ? changed.getUpdatedAt().toEpochMilli() : before.publishedAt();
    }

    /** Empties the derived recommendations store before it is derived again (in memory, it is empty after a restart). */
    private void forgetPublished() {
        List<String> held = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<UserRecommendations>> all = published.all()) {
            all.forEachRemaining(entry -> held.add(entry.key));
        }
        held.forEach(published::delete);
    }

    /** A first record only once it holds items; later ones whenever they differ. */
    private static boolean publishes(UserRecommendations held, UserRecommendations next) {
        return held == null ? !next.getItems().isEmpty() : !held.equals(next);
    }

    private boolean isRecommendable(String itemId) {
        return inStock.contains(itemId);
    }

    /**
     * Scores the user's candidates into {@code offered} (a candidate whose score barely moved keeps the score
     * it was offered with) and tells whether any was added, re-scored or dropped.
     */
    private boolean rescore(List<Seen> recent, long fadeBase, List<String> purchased, Map<String, Double> before,
                            Map<String, Double> offered) {
        List<TopK.Entry> scored = relatedLists != null
                ? scorer.scoreRelated(recent, fadeBase, new HashSet<>(purchased), relatedLists)
                : scorer.score(recent, fadeBase, new HashSet<>(purchased), this::relatedOf);
        boolean moved = false;
        for (TopK.Entry entry : scored) {
            Double held = before.get(entry.key());
            if (held != null && Math.abs(entry.score() - held) <= settings.rescoreThreshold() * held) {
                offered.put(entry.key(), held);
            } else {
                offered.put(entry.key(), entry.score());
                moved = true;
            }
        }
        return moved || !offered.keySet().containsAll(before.keySet());
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
