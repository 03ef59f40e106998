package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;

/** What the card stage decides about one transaction; {@code alert} is null below the alert threshold. */
public record CardVerdict(ScoredTransaction scored, FraudAlert alert, CardRiskProfile risk) {
}
