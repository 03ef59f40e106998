package io.streamsuite.fraud.scoring;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.CardStatus;
import io.streamsuite.schemas.payments.FraudReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
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

    /** The card's profile after this transaction; {@code previous} is null for a card seen first. */
    public CardRiskProfile nextProfile(CardRiskProfile previous, String cardToken, String cardLast4, String transactionId,
                                       int score, Instant at) {
        boolean blocked = isBlock(score) || (previous != null && previous.getStatus() == CardStatus.BLOCKED);
        long alerts = (previous == null ? 0 : previous.getAlertCount()) + (isAlert(score) ? 1 : 0);
        return CardRiskProfile.newBuilder()
                .setCardToken(cardToken)
                .setCardLast4(cardLast4)
                .setLastScore(score)
                .setAlertCount(alerts)
                .setStatus(blocked ? CardStatus.BLOCKED : CardStatus.ACTIVE)
                .setLastTransactionId(transactionId)
                .setUpdatedAt(at)
                .build();
    }

    /**
     * True when {@code next} says something {@code previous} did not: a new card, another last score,
     * alert count or status. Only then is the profile published; the store keeps every update.
     */
    public static boolean changed(CardRiskProfile previous, CardRiskProfile next) {
        return previous == null
                || previous.getLastScore() != next.getLastScore()
                || previous.getAlertCount() != next.getAlertCount()
                || previous.getStatus() != next.getStatus();
    }
}
