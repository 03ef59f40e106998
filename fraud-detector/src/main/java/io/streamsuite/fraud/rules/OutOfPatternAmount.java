package io.streamsuite.fraud.rules;

import io.streamsuite.fraud.card.CardTransaction;
import io.streamsuite.fraud.card.ProfileVersion;
import io.streamsuite.fraud.currency.CurrencyConverter;
import io.streamsuite.schemas.payments.FraudReason;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A transaction out of its account's pattern: more than {@code multiplier} times the typical
 * spend, or in a country other than the account's home. Judged against the profile valid at the
 * transaction's time; with no profile there is no pattern to break. An amount in another currency
 * than the profile's is converted with the current exchange rates; without them it cannot be
 * compared, which the verdict says so it can be counted.
 */
public final class OutOfPatternAmount {

    private final BigDecimal multiplier;

    public OutOfPatternAmount(BigDecimal multiplier) {
        if (multiplier == null || multiplier.signum() <= 0) {
            throw new IllegalArgumentException("fraud.amount.multiplier must be positive");
        }
        this.multiplier = multiplier;
    }

    /** The hits, and whether the amount could be compared at all (false only for want of a rate). */
    public Verdict check(CardTransaction tx, ProfileVersion profile, CurrencyConverter converter) {
        EnumSet<FraudReason> hits = EnumSet.noneOf(FraudReason.class);
        if (profile == null) {
            return new Verdict(hits, true);
        }
        BigDecimal amount = converter.convert(tx.amount(), tx.currency(), profile.currency());
        if (amount != null && amount.compareTo(profile.typicalSpend().multiply(multiplier)) > 0) {
            hits.add(FraudReason.OUT_OF_PATTERN_AMOUNT);
        }
        if (!tx.country().equalsIgnoreCase(profile.homeCountry())) {
            hits.add(FraudReason.FOREIGN_COUNTRY);
        }
        return new Verdict(hits, amount != null);
    }

    public record Verdict(Set<FraudReason> hits, boolean amountCompared) {
    }
}
