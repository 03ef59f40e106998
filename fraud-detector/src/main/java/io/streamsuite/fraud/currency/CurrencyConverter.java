package io.streamsuite.fraud.currency;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.Function;

/**
 * Converts an amount between currencies through their rates against a common base currency. The
 * base itself needs no rate; two rates on different bases cannot be combined.
 */
public final class CurrencyConverter {

    private final Function<String, Rate> rates;

    public CurrencyConverter(Function<String, Rate> rates) {
        this.rates = rates;
    }

    /** The amount in {@code to}, or null when the rates to compare them are missing. */
    public BigDecimal convert(BigDecimal amount, String from, String to) {
        if (from.equalsIgnoreCase(to)) {
            return amount;
        }
        Rate source = rates.apply(from.toUpperCase(java.util.Locale.ROOT));
        Rate target = rates.apply(to.toUpperCase(java.util.Locale.ROOT));
        String base = source != null ? source.baseCurrency() : target != null ? target.baseCurrency() : null;
        if (base == null) {
            return null;
        }
        BigDecimal sourcePerUnit = perUnit(source, from, base);
        BigDecimal targetPerUnit = perUnit(target, to, base);
        if (sourcePerUnit == null || targetPerUnit == null) {
            return null;
        }
        return amount.multiply(sourcePerUnit).divide(targetPerUnit, MathContext.DECIMAL64);
    }

    /** What one unit of {@code currency} is worth in {@code base}: 1 for the base itself. */
    private static BigDecimal perUnit(Rate rate, String currency, String base) {
        if (currency.equalsIgnoreCase(base)) {
            return BigDecimal.ONE;
        }
        return rate != null && rate.baseCurrency().equalsIgnoreCase(base) ? rate.perUnit() : null;
    }
}
