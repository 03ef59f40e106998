package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;

/**
 * What the card stage decides about one transaction; {@code alert} is null below the alert threshold,
 * {@code risk} is null when the card's profile did not change in substance (score, alert count, status).
 */
public record CardVerdict(ScoredTransaction scored, FraudAlert alert, CardRiskProfile risk) {
}
