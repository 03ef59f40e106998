package io.streamsuite.simulator.payments;

/** The fraud patterns the fraud-detector knows; the simulator injects each so that it really triggers the rule. */
public enum FraudPattern {
    /** More than 5 transactions on one card within one minute: 6–8 of them within 49 s. */
    VELOCITY,
    /** One amount of 6–15× the account's typical spend, at home. */
    OUT_OF_PATTERN_AMOUNT,
    /** A purchase from a merchant in another country than the account's home country, card not present (no travel). */
    FOREIGN_COUNTRY,
    /** Under 1.00, then over 500.00 on the same card 5–50 s later. */
    SMALL_THEN_LARGE,
    /** A transaction at home, then one at least 3,000 km away 30 s to 5 min later: far over 900 km/h. */
    IMPOSSIBLE_TRAVEL
}
