package io.streamsuite.fraud.scoring;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.CardStatus;
import io.streamsuite.schemas.payments.FraudReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rule hits to a score of 0 to 100 (the sum of their weights, capped), and the card's risk
 * profile after a scored transaction: BLOCKED once a score reaches the block threshold, for good.
 */
public final class RiskScore {

    public static final int MAX = 100;

    private final Map<FraudReason, Integer> weights;
    private final int alertThreshold;
    private final int blockThreshold;

    public RiskScore(Map<FraudReason, Integer> weights, int alertThreshold, int blockThreshold) {
        if (alertThreshold < 1 || alertThreshold > MAX || blockThreshold < alertThreshold || blockThreshold > MAX) {
            throw new IllegalArgumentException("need 1 <= fraud.score.alert-threshold <= fraud.score.block-threshold <= 100");
        }
        weights.forEach((reason, weight) -> {
            if (weight < 0 || weight > MAX) {
                throw new IllegalArgumentException("weight of " + reason + " must be within 0..100");
            }
        });
        this.weights = new EnumMap<>(weights);
        this.alertThreshold = alertThreshold;
        this.blockThreshold = blockThreshold;
    }

    public int score(Set<FraudReason> reasons) {
        int sum = 0;
        for (FraudReason reason : reasons) {
            sum += weights.getOrDefault(reason, 0);
        }
        return Math.min(MAX, sum);
    }

    public boolean isAlert(int score) {
        return score >= alertThreshold;
    }

    public boolean isBlock(int score) {
        return score >= blockThreshold;
    }

    /** What decides a card's risk profile, kept with the card's state; null before its first transaction. */
    public record RiskState(int lastScore, long alertCount, boolean blocked) {

        public static RiskState of(CardRiskProfile profile) {
            return profile == null ? null
                    : new RiskState(profile.getLastScore(), profile.getAlertCount(), profile.getStatus() == CardStatus.BLOCKED);
        }
    }

    /** The card's risk after a transaction with this score; {@code previous} is null for a card seen first. */
    public RiskState next(RiskState previous, int score) {
        boolean blocked = isBlock(score) || (previous != null && previous.blocked());
        long alerts = (previous == null ? 0 : previous.alertCount()) + (isAlert(score) ? 1 : 0);
        return new RiskState(score, alerts, blocked);
    }

    /** The published profile of a card's risk. */
    public static CardRiskProfile profile(RiskState risk, String cardToken, String cardLast4, String transactionId, Instant at) {
        // The constructor, not the builder (which copies the field list and checks each field): a card's risk
        // changes on about a third of the transactions.
        return new CardRiskProfile(Objects.requireNonNull(cardToken), Objects.requireNonNull(cardLast4), risk.lastScore(),
                risk.alertCount(), risk.blocked() ? CardStatus.BLOCKED : CardStatus.ACTIVE,
                Objects.requireNonNull(transactionId), at);
    }

    /** The card's profile after this transaction; {@code previous} is null for a card seen first. */
    public CardRiskProfile nextProfile(CardRiskProfile previous, String cardToken, String cardLast4, String transactionId,
                                       int score, Instant at) {
        return profile(next(RiskState.of(previous), score), cardToken, cardLast4, transactionId, at);
    }
}
