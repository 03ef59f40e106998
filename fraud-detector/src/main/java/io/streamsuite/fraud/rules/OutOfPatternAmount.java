package io.streamsuite.fraud.rules;

import io.streamsuite.fraud.card.CardTransaction;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.FraudReason;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A transaction out of its account's pattern: more than {@code multiplier} times the typical
 * spend, or in a country other than the account's home. Judged against the profile valid at the
 * transaction's time; with no profile there is no pattern to break.
 */
public final class OutOfPatternAmount {

    private final BigDecimal multiplier;

    public OutOfPatternAmount(BigDecimal multiplier) {
        if (multiplier == null || multiplier.signum() <= 0) {
            throw new IllegalArgumentException("fraud.amount.multiplier must be positive");
        }
        this.multiplier = multiplier;
    }

    public Set<FraudReason> check(CardTransaction tx, AccountProfile profile) {
        EnumSet<FraudReason> hits = EnumSet.noneOf(FraudReason.class);
        if (profile == null) {
            return hits;
        }
        // Amounts in another currency are not comparable without rates, which this service lacks.
        if (tx.currency().equalsIgnoreCase(profile.getCurrency())
                && tx.amount().compareTo(profile.getTypicalSpend().multiply(multiplier)) > 0) {
            hits.add(FraudReason.OUT_OF_PATTERN_AMOUNT);
        }
        if (!tx.country().equalsIgnoreCase(profile.getHomeCountry())) {
            hits.add(FraudReason.FOREIGN_COUNTRY);
        }
        return hits;
    }
}
