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
import io.streamsuite.schemas.payments.AccountProfile;
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
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The card stage: every rule, on the transactions as they arrive (keyed by card number). The card
 * number becomes its token first thing and goes no further: the stores, the outputs and their keys
 * hold only the token. One processor, so a transaction costs one pass over the card's state rather
 * than one stage per rule; the account profile comes from the global profile history, as it was at
 * the transaction's event time.
 */
public final class CardProcessor implements Processor<String, Transaction, String, CardVerdict> {

    /** Metric group {@code stream-fraud-metrics}, name {@code late-records-total}: transactions too late for velocity. */
    public static final String LATE_RECORDS_METRIC = "late-records";
    private static final Duration PENDING_SMALL_SWEEP = Duration.ofSeconds(10);

    private final CardToken cardToken;
    private final OutOfPatternAmount outOfPattern;
    private final Velocity velocity;
    private final SmallThenLarge smallThenLarge;
    private final ImpossibleTravel impossibleTravel;
    private final RiskScore riskScore;
    private final int recentAlertsKept;
    private final Duration trimInterval;
    private final long[] slotCounts;

    private ProcessorContext<String, CardVerdict> context;
    private KeyValueStore<String, ProfileHistory> accountProfiles;
    private WindowStore<String, Long> velocityCounts;
    private KeyValueStore<String, Long> pendingSmall;
    private KeyValueStore<String, CardActivity> cardActivity;
    private KeyValueStore<String, CardRiskProfile> cardRisk;
    private KeyValueStore<String, FraudAlert> recentAlerts;
    private Sensor lateRecords;

    public CardProcessor(FraudSettings settings) {
        this.cardToken = settings.cardToken();
        this.outOfPattern = settings.outOfPatternAmount();
        this.velocity = settings.velocity();
        this.smallThenLarge = settings.smallThenLarge();
        this.impossibleTravel = settings.impossibleTravel();
        this.riskScore = settings.riskScore();
        this.recentAlertsKept = settings.recentAlertsPerPartition();
        this.trimInterval = settings.recentAlertsTrimInterval();
        this.slotCounts = new long[velocity.slotsToRead()];
    }

    @Override
    public void init(ProcessorContext<String, CardVerdict> context) {
        this.context = context;
        accountProfiles = context.getStateStore(FraudTopics.ACCOUNT_PROFILES_STORE);
        velocityCounts = context.getStateStore(FraudTopics.VELOCITY_STORE);
        pendingSmall = context.getStateStore(FraudTopics.PENDING_SMALL_STORE);
        cardActivity = context.getStateStore(FraudTopics.CARD_ACTIVITY_STORE);
        cardRisk = context.getStateStore(FraudTopics.CARD_RISK_STORE);
        recentAlerts = context.getStateStore(FraudTopics.RECENT_ALERTS_STORE);
        lateRecords = context.metrics().addRateTotalSensor("fraud", context.taskId().toString(), LATE_RECORDS_METRIC,
                Sensor.RecordingLevel.INFO);
        context.schedule(PENDING_SMALL_SWEEP, PunctuationType.STREAM_TIME, this::expirePendingSmall);
        context.schedule(trimInterval, PunctuationType.WALL_CLOCK_TIME, now -> trimRecentAlerts());
    }

    @Override
    public void process(Record<String, Transaction> record) {
        CardTransaction tx = CardTransaction.masked(record.value(), cardToken);
        String token = tx.cardToken();
        EnumSet<FraudReason> reasons = EnumSet.noneOf(FraudReason.class);
        reasons.addAll(outOfPattern.check(tx, profileAt(tx.accountId(), tx.eventTime())));
        CardActivity activity = cardActivity.get(token);
        Sighting current = new Sighting(tx.latitude(), tx.longitude(), tx.eventTime());
        Sighting previous = activity == null ? null : activity.last();
        Sighting latest = ImpossibleTravel.latest(previous, current);
        CardActivity next = activity == null ? CardActivity.first(latest, slotCounts.length, velocity.slotOf(tx.eventTime()))
                : latest == previous ? activity : new CardActivity(latest, activity.latestSlot(), activity.counts());
        if (velocity.isLate(tx.eventTime(), context.currentStreamTimeMs())) {
            lateRecords.record();
        } else {
            long own = velocity.slotOf(tx.eventTime());
            long count = countInSlot(token, tx.eventTime(), next);
            velocityCounts.put(token, count, own);
            next = next.withCount(own, count, velocity.advance(), latest);
            if (velocity.exceeded(velocity.maxWindowCount(slotCounts))) {
                reasons.add(FraudReason.VELOCITY);
            }
        }
        if (next != activity) {
            cardActivity.put(token, next);
        }
        if (smallThenLarge(token, tx)) {
            reasons.add(FraudReason.SMALL_THEN_LARGE);
        }
        if (impossibleTravel.isImpossible(previous, current)) {
            reasons.add(FraudReason.IMPOSSIBLE_TRAVEL);
        }

        int score = riskScore.score(reasons);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        CardRiskProfile previousRisk = cardRisk.get(token);
        CardRiskProfile risk = riskScore.nextProfile(previousRisk, token, tx.cardLast4(), tx.transactionId(), score, now);
        cardRisk.put(token, risk);
        FraudAlert alert = null;
        if (riskScore.isAlert(score)) {
            alert = alert(tx, score, reasons, now);
            recentAlerts.put(RecentAlerts.key(alert), alert);
        }
        context.forward(record.withKey(token).withValue(new CardVerdict(scored(tx, score, reasons), alert,
                RiskScore.changed(previousRisk, risk) ? risk : null)));
    }

    @Override
    public void close() {
        if (lateRecords != null) {
            context.metrics().removeSensor(lateRecords);
        }
    }

    private AccountProfile profileAt(String accountId, long eventTime) {
        if (accountId == null) {
            return null;
        }
        ProfileHistory history = accountProfiles.get(accountId);
        return history == null ? null : history.at(eventTime);
    }

    /**
     * Fills {@link #slotCounts} from the card's earliest window holding the event time to its latest,
     * this transaction counted, and returns the count of its own slot. The recent slots come with the
     * card's activity; only a record older than those needs the window store.
     */
    private long countInSlot(String token, long eventTime, CardActivity activity) {
        long first = velocity.firstSlotToRead(eventTime);
        long advance = velocity.advance();
        Arrays.fill(slotCounts, 0);
        if (activity.covers(first, advance)) {
            for (int i = 0; i < slotCounts.length; i++) {
                slotCounts[i] = activity.count(first + i * advance, advance);
            }
        } else {
            try (WindowStoreIterator<Long> slots = velocityCounts.fetch(token, first, velocity.lastSlotToRead(eventTime))) {
                while (slots.hasNext()) {
                    KeyValue<Long, Long> slot = slots.next();
                    slotCounts[(int) ((slot.key - first) / advance)] = slot.value;
                }
            }
        }
        int index = (int) ((velocity.slotOf(eventTime) - first) / advance);
        return ++slotCounts[index];
    }

    /** Only small and large amounts touch the store, so ordinary ones cost nothing here. */
    private boolean smallThenLarge(String token, CardTransaction tx) {
        if (smallThenLarge.isSmall(tx.amount())) {
            Long previous = pendingSmall.get(token);
            if (previous == null || tx.eventTime() > previous) {
                pendingSmall.put(token, tx.eventTime());
            }
            return false;
        }
        return smallThenLarge.isLarge(tx.amount()) && smallThenLarge.matches(pendingSmall.get(token), tx.eventTime());
    }

    private void expirePendingSmall(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pendingSmall.all()) {
            all.forEachRemaining(entry -> {
                if (smallThenLarge.expired(entry.value, streamTime)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(pendingSmall::delete);
    }

    /** Keys sort newest first, so everything after the first {@code recentAlertsKept} goes. */
    private void trimRecentAlerts() {
        List<String> surplus = new ArrayList<>();
        try (KeyValueIterator<String, FraudAlert> all = recentAlerts.all()) {
            int seen = 0;
            while (all.hasNext()) {
                String key = all.next().key;
                if (++seen > recentAlertsKept) {
                    surplus.add(key);
                }
            }
        }
        surplus.forEach(recentAlerts::delete);
    }

    private static ScoredTransaction scored(CardTransaction tx, int score, EnumSet<FraudReason> reasons) {
        return ScoredTransaction.newBuilder()
                .setTransactionId(tx.transactionId())
                .setCardToken(tx.cardToken())
                .setCardLast4(tx.cardLast4())
                .setAccountId(tx.accountId())
                .setAmount(tx.amount())
                .setCurrency(tx.currency())
                .setMerchantId(tx.merchantId())
                .setCountry(tx.country())
                .setChannel(tx.channel())
                .setEventTime(Instant.ofEpochMilli(tx.eventTime()))
                .setScore(score)
                .setReasons(List.copyOf(reasons))
                .build();
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
