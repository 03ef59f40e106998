package io.streamsuite.fraud;

import io.streamsuite.fraud.card.CardToken;
import io.streamsuite.fraud.card.EventTimeBounds;
import io.streamsuite.fraud.card.IdleCards;
import io.streamsuite.fraud.rules.ImpossibleTravel;
import io.streamsuite.fraud.rules.OutOfPatternAmount;
import io.streamsuite.fraud.rules.SmallThenLarge;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.fraud.scoring.RiskScore;
import java.time.Duration;

/**
 * What the topology needs, as configured rule objects; built from {@link FraudProperties} (or its
 * defaults in tests), so the topology is a plain function of it.
 */
public record FraudSettings(CardToken cardToken, Velocity velocity, OutOfPatternAmount outOfPatternAmount,
                            SmallThenLarge smallThenLarge, ImpossibleTravel impossibleTravel, RiskScore riskScore,
                            Duration profileHistoryRetention, int recentAlertsPerPartition, Duration recentAlertsTrimInterval,
                            EventTimeBounds eventTimeBounds, IdleCards idleCards) {

    /** A card-token key anyone can read: for tests only, never a deployment. */
    public static final String TEST_CARD_TOKEN_SECRET = "test-only-card-token-secret";

    /** The defaults, with {@link #TEST_CARD_TOKEN_SECRET} as the card-token key. */
    public static FraudSettings defaults() {
        return defaults(new FraudProperties());
    }

    /** These properties, with {@link #TEST_CARD_TOKEN_SECRET} as the card-token key. */
    public static FraudSettings defaults(FraudProperties properties) {
        properties.getCardToken().setSecret(TEST_CARD_TOKEN_SECRET);
        return properties.toSettings();
    }
}
