package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.Transaction;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A transaction once its card number is replaced by the token: all the card stage passes around.
 * {@code reasons} carries rule hits found before the card rules.
 */
public record CardTransaction(String transactionId, String cardToken, String cardLast4, String accountId,
                              BigDecimal amount, String currency, String merchantId, String merchantCategory,
                              String country, double latitude, double longitude, Channel channel,
                              long eventTime, String deviceId, Set<FraudReason> reasons) {

    public CardTransaction {
        reasons = reasons.isEmpty() ? EnumSet.noneOf(FraudReason.class) : EnumSet.copyOf(reasons);
    }

    public static CardTransaction masked(Transaction tx, CardToken cardToken) {
        return new CardTransaction(tx.getTransactionId(), cardToken.tokenOf(tx.getCardId()), CardToken.last4(tx.getCardId()),
                tx.getAccountId(), tx.getAmount(), tx.getCurrency(), tx.getMerchantId(), tx.getMerchantCategory(),
                tx.getCountry(), tx.getLocation().getLatitude(), tx.getLocation().getLongitude(), tx.getChannel(),
                tx.getEventTime().toEpochMilli(), tx.getDeviceId(), EnumSet.noneOf(FraudReason.class));
    }

    public CardTransaction withReasons(Set<FraudReason> found) {
        if (found.isEmpty()) {
            return this;
        }
        EnumSet<FraudReason> all = EnumSet.copyOf(found);
        all.addAll(reasons);
        return new CardTransaction(transactionId, cardToken, cardLast4, accountId, amount, currency, merchantId,
                merchantCategory, country, latitude, longitude, channel, eventTime, deviceId, all);
    }
}
