package io.streamsuite.fraud.rules;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Card testing: a transaction under {@code smallBelow} followed, within {@code within}, by one
 * over {@code largeAbove} on the same card. Only the latest small one per card is remembered.
 *
 * <p>Every large payment within {@code within} after a small one is flagged, not only the first (the
 * Flink fraud-detection walkthrough clears its flag after the first match): once a card has been
 * tested with a small payment, each large one that follows is suspicious, and a fraudster who
 * cashes out with several large payments gets each of them flagged.
 */
public final class SmallThenLarge {

    private final BigDecimal smallBelow;
    private final BigDecimal largeAbove;
    private final long within;

    public SmallThenLarge(BigDecimal smallBelow, BigDecimal largeAbove, Duration within) {
        if (smallBelow.compareTo(largeAbove) >= 0) {
            throw new IllegalArgumentException("fraud.small-then-large.small-below must be under large-above");
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("fraud.small-then-large.within must be positive");
        }
        this.smallBelow = smallBelow;
        this.largeAbove = largeAbove;
        this.within = within.toMillis();
    }

    public boolean isSmall(BigDecimal amount) {
        return amount.compareTo(smallBelow) < 0;
    }

    public boolean isLarge(BigDecimal amount) {
        return amount.compareTo(largeAbove) > 0;
    }

    /** The large one came after the small one, and not later than {@code within}. */
    public boolean matches(Long smallTime, long largeTime) {
        return smallTime != null && largeTime >= smallTime && largeTime - smallTime <= within;
    }

    /** The small one can no longer match any transaction the stream still brings in order. */
    public boolean expired(long smallTime, long streamTime) {
        return streamTime - smallTime > within;
    }
}
