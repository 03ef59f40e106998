package io.streamsuite.fraud.card;

import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.fraud.alerts.RecentAlerts;
import io.streamsuite.fraud.rules.ImpossibleTravel;
import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.fraud.rules.OutOfPatternAmount;
import io.streamsuite.fraud.rules.SmallThenLarge;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.fraud.scoring.RiskScore;
import io.streamsuite.fraud.scoring.RiskScore.RiskState;
import io.streamsuite.fraud.currency.CurrencyConverter;
import io.streamsuite.fraud.currency.Rate;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The card stage: every rule, on the transactions as they arrive (keyed by card number). The card
 * number becomes its token first thing and goes no further: the stores, the outputs and their keys
 * hold only the token. One processor, so a transaction costs one pass over the card's state rather
 * than one stage per rule; the account profile comes from the global profile history, as it was at
 * the transaction's event time.
 *
 * <p>Per transaction it decides first and writes after: one card-state write (sightings, velocity
 * slots, pending small payment, risk state), and the published card risk only when it changes.
 */
public final class CardProcessor implements Processor<String, Transaction, String, CardVerdict> {

    /** Metric group {@code stream-fraud-metrics}, name {@code late-records-total}: transactions too late for velocity. */
    public static final String LATE_RECORDS_METRIC = "late-records";
    /** Metric {@code amount-not-compared-total}: payments whose amount could not be converted to the profile's currency. */
    public static final String AMOUNT_NOT_COMPARED_METRIC = "amount-not-compared";
    /** Metric {@code idle-cards-forgotten-total}. */
    public static final String CARDS_FORGOTTEN_METRIC = "idle-cards-forgotten";

    private final CardToken cardToken;
    private final OutOfPatternAmount outOfPattern;
    private final Velocity velocity;
    private final SmallThenLarge smallThenLarge;
    private final ImpossibleTravel impossibleTravel;
    private final RiskScore riskScore;
    private final int recentAlertsKept;
    private final Duration trimInterval;
    private final long[] slotCounts;
    private final EventTimeBounds eventTimeBounds;
    private final IdleCards idleCards;
    private final DecodedProfiles decodedProfiles;

    private ProcessorContext<String, CardVerdict> context;
    private KeyValueStore<String, ProfileHistory> accountProfiles;
    private CurrencyConverter currencies;
    private KeyValueStore<String, CardState> cardStates;
    private KeyValueStore<String, Long> cardIdleIndex;
    private KeyValueStore<String, CardRiskProfile> cardRisk;
    private KeyValueStore<String, FraudAlert> recentAlerts;
    /** The recent-alerts store's keys, newest first: trimming deletes the tail without reading (decoding) the store. */
    private TreeSet<String> recentAlertKeys;
    private Sensor lateRecords;
    private Sensor amountNotCompared;
    private Sensor cardsForgotten;
    /** The last visit of the idle index stopped at its limit: more cards may be due. */
    private boolean idleBacklog;

    public CardProcessor(FraudSettings settings, DecodedProfiles decodedProfiles) {
        this.decodedProfiles = decodedProfiles;
        this.cardToken = settings.cardToken();
        this.outOfPattern = settings.outOfPatternAmount();
        this.velocity = settings.velocity();
        this.smallThenLarge = settings.smallThenLarge();
        this.impossibleTravel = settings.impossibleTravel();
        this.riskScore = settings.riskScore();
        this.recentAlertsKept = settings.recentAlertsPerPartition();
        this.trimInterval = settings.recentAlertsTrimInterval();
        this.slotCounts = new long[velocity.slotsToRead()];
        this.eventTimeBounds = settings.eventTimeBounds();
        this.idleCards = settings.idleCards();
    }

    @Override
    public void init(ProcessorContext<String, CardVerdict> context) {
        this.context = context;
        accountProfiles = context.getStateStore(FraudTopics.ACCOUNT_PROFILES_STORE);
        KeyValueStore<String, Rate> rates = context.getStateStore(FraudTopics.EXCHANGE_RATES_STORE);
        currencies = new CurrencyConverter(rates::get);
        cardStates = context.getStateStore(FraudTopics.CARD_STATE_STORE);
        cardIdleIndex = context.getStateStore(FraudTopics.CARD_IDLE_STORE);
        cardRisk = context.getStateStore(FraudTopics.CARD_RISK_STORE);
        recentAlerts = context.getStateStore(FraudTopics.RECENT_ALERTS_STORE);
        recentAlertKeys = new TreeSet<>();
        try (KeyValueIterator<String, FraudAlert> all = recentAlerts.all()) {
            all.forEachRemaining(entry -> recentAlertKeys.add(entry.key));
        }
        String task = context.taskId().toString();
        lateRecords = context.metrics().addRateTotalSensor("fraud", task, LATE_RECORDS_METRIC, Sensor.RecordingLevel.INFO);
        amountNotCompared = context.metrics().addRateTotalSensor("fraud", task, AMOUNT_NOT_COMPARED_METRIC,
                Sensor.RecordingLevel.INFO);
        cardsForgotten = context.metrics().addRateTotalSensor("fraud", task, CARDS_FORGOTTEN_METRIC,
                Sensor.RecordingLevel.INFO);
        context.schedule(idleCards.sweepInterval(), PunctuationType.STREAM_TIME, this::forgetIdleCards);
        context.schedule(IdleCards.BACKLOG_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (idleBacklog) {
                forgetIdleCards(context.currentStreamTimeMs());
            }
        });
        context.schedule(trimInterval, PunctuationType.WALL_CLOCK_TIME, now -> trimRecentAlerts());
    }

    @Override
    public void process(Record<String, Transaction> record) {
        long eventTime = record.value().getEventTime().toEpochMilli();
        if (EventTimeBounds.rejected(record.timestamp(), eventTime)) {
            throw eventTimeBounds.outOfBounds(eventTime);
        }
        CardTransaction tx = CardTransaction.masked(record.value(), cardToken);
        String token = tx.cardToken();
        EnumSet<FraudReason> reasons = EnumSet.noneOf(FraudReason.class);
        OutOfPatternAmount.Verdict pattern = outOfPattern.check(tx, profileAt(tx.accountId(), eventTime), currencies);
        reasons.addAll(pattern.hits());

        CardState state = cardStates.get(token);
        CardState next = state == null ? CardState.first() : state;
        Sighting current = new Sighting(tx.latitude(), tx.longitude(), eventTime);
        if (impossibleTravel.isImpossibleNextTo(next.sightings(), current)) {
            reasons.add(FraudReason.IMPOSSIBLE_TRAVEL);
        }
        next = next.withSighting(current, ImpossibleTravel.SIGHTINGS_KEPT);
        if (velocity.isLate(eventTime, context.currentStreamTimeMs())) {
            lateRecords.record();
        } else {
            long velocityCount = countInSlot(eventTime, next);
            next = next.withCount(velocity.slotOf(eventTime), velocityCount, velocity.retention());
            if (velocity.exceeded(velocity.maxWindowCount(slotCounts))) {
                reasons.add(FraudReason.VELOCITY);
            }
        }
        next = smallThenLarge(next, tx, reasons);

        int score = riskScore.score(reasons);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // A card without state may still have a risk profile (state forgotten, or kept before the state existed).
        RiskState previousRisk = state != null ? state.risk() : RiskState.of(cardRisk.get(token));
        RiskState nextRisk = riskScore.next(previousRisk, score);
        boolean riskChanged = !nextRisk.equals(previousRisk);
        next = next.withRisk(nextRisk);
        CardRiskProfile risk = riskChanged ? RiskScore.profile(nextRisk, token, tx.cardLast4(), tx.transactionId(), now) : null;
        FraudAlert alert = riskScore.isAlert(score) ? alert(tx, score, reasons, now) : null;

        cardStates.put(token, next);
        if (idleCards.movesBucket(state == null ? Long.MIN_VALUE : state.lastSeen(), next.lastSeen())) {
            cardIdleIndex.put(idleCards.indexKey(next.lastSeen(), token), next.lastSeen());
        }
        if (riskChanged) {
            cardRisk.put(token, risk);
        }
        if (alert != null) {
            String key = RecentAlerts.key(alert);
            recentAlerts.put(key, alert);
            recentAlertKeys.add(key);
        }
        if (!pattern.amountCompared()) {
            amountNotCompared.record();
        }
        context.forward(record.withKey(token).withValue(new CardVerdict(scored(tx, score, reasons), alert, risk)));
    }

    @Override
    public void close() {
        recentAlertKeys = null;
        if (lateRecords != null) {
            context.metrics().removeSensor(lateRecords);
            context.metrics().removeSensor(amountNotCompared);
            context.metrics().removeSensor(cardsForgotten);
        }
    }

    private ProfileVersion profileAt(String accountId, long eventTime) {
        if (accountId == null) {
            return null;
        }
        ProfileHistory history = decodedProfiles.get(accountProfiles, accountId);
        return history == null ? null : history.at(eventTime);
    }

    /**
     * Fills {@link #slotCounts} from the card's earliest window holding the event time to its latest,
     * this transaction counted, and returns the count of its own slot. The card keeps every slot a
     * record that is not late can read (see {@link Velocity#retention()}).
     */
    private long countInSlot(long eventTime, CardState activity) {
        long first = velocity.firstSlotToRead(eventTime);
        Arrays.fill(slotCounts, 0);
        activity.countsFrom(first, velocity.advance(), slotCounts);
        int index = (int) ((velocity.slotOf(eventTime) - first) / velocity.advance());
        return ++slotCounts[index];
    }

    /**
     * Every large payment within the minute after the latest small one matches (not only the first);
     * a pending small one is dropped once this card's own transactions are past its minute.
     */
    private CardState smallThenLarge(CardState state, CardTransaction tx, EnumSet<FraudReason> reasons) {
        Long pending = state.pendingSmall() == CardState.NO_SMALL ? null : state.pendingSmall();
        if (smallThenLarge.isSmall(tx.amount())) {
            return pending == null || tx.eventTime() > pending ? state.withPendingSmall(tx.eventTime()) : state;
        }
        if (smallThenLarge.isLarge(tx.amount()) && smallThenLarge.matches(pending, tx.eventTime())) {
            reasons.add(FraudReason.SMALL_THEN_LARGE);
        }
        return pending != null && smallThenLarge.expired(pending, tx.eventTime()) ? state.withPendingSmall(CardState.NO_SMALL) : state;
    }

    /**
     * Forgets the cards not seen for the idle time: their state, and their risk unless blocked (a block
     * is for good). Visits only the index buckets that are wholly due, and at most
     * {@link IdleCards#forgetPerVisit()} entries of them: a backlog is left to the next visits.
     */
    private void forgetIdleCards(long streamTime) {
        List<String> visited = new ArrayList<>();
        int limit = idleCards.forgetPerVisit();
        try (KeyValueIterator<String, Long> due = cardIdleIndex.range(null, idleCards.firstKeyNotDue(streamTime))) {
            while (visited.size() < limit && due.hasNext()) {
                visited.add(due.next().key);
            }
            idleBacklog = due.hasNext();
        }
        for (String key : visited) {
            forget(cardIdleIndex, key);
            String token = IdleCards.tokenOf(key);
            CardState state = cardStates.get(token);
            if (state != null && idleCards.isIdle(state.lastSeen(), streamTime)) {
                forget(cardStates, token);
                if (state.risk() == null || !state.risk().blocked()) {
                    forget(cardRisk, token);
                }
                cardsForgotten.record();
            }
        }
    }

    /**
     * Keys sort newest first, so everything after the first {@code recentAlertsKept} goes: the oldest
     * keys, taken from the in-memory key set, not from a scan that would decode every alert kept.
     */
    private void trimRecentAlerts() {
        while (recentAlertKeys.size() > recentAlertsKept) {
            forget(recentAlerts, recentAlertKeys.pollLast());
        }
    }

    /**
     * A blind delete: {@code put(key, null)} writes the tombstone, where {@code delete(key)} first reads and
     * decodes the old value only to return it (an Avro decode per trimmed alert, a stall of the stream thread
     * when a trim or an idle-card visit removes thousands).
     */
    private static <V> void forget(KeyValueStore<String, V> store, String key) {
        store.put(key, null);
    }

    /**
     * The all-fields constructor, not the builder: the builder copies the schema's field list and checks
     * every field on every record, and the scored record is made for every transaction. Its fields come
     * from the decoded transaction, whose schema already requires each of them.
     */
    private static ScoredTransaction scored(CardTransaction tx, int score, EnumSet<FraudReason> reasons) {
        return new ScoredTransaction(tx.transactionId(), tx.cardToken(), tx.cardLast4(), tx.accountId(), tx.amount(),
                tx.currency(), tx.merchantId(), tx.country(), tx.channel(), Instant.ofEpochMilli(tx.eventTime()), score,
                List.copyOf(reasons));
    }

    private static FraudAlert alert(CardTransaction tx, int score, EnumSet<FraudReason> reasons, Instant detectedAt) {
        return FraudAlert.newBuilder()
                .setAlertId("alert-" + tx.transactionId())
                .setTransactionId(tx.transactionId())
                .setCardToken(tx.cardToken())
                .setCardLast4(tx.cardLast4())
                .setAccountId(tx.accountId())
                .setScore(score)
                .setReasons(List.copyOf(reasons))
                .setAmount(tx.amount())
                .setCurrency(tx.currency())
                .setEventTime(Instant.ofEpochMilli(tx.eventTime()))
                .setDetectedAt(detectedAt)
                .build();
    }
}
