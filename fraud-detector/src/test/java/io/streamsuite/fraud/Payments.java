package io.streamsuite.fraud;

import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.GeoPoint;
import io.streamsuite.schemas.payments.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data that reads like the scenario: {@code Payments.card(CARD_A).amount("0.50").at(T0).build()}. */
public final class Payments {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    public static final String CARD_A = "4111111111111111";
    public static final String CARD_B = "5500005555555559";
    public static final String CARD_C = "340000000000009";
    public static final String ACCOUNT = "acc-1";
    public static final GeoPoint BERLIN = new GeoPoint(52.5200, 13.4050);
    public static final GeoPoint POTSDAM = new GeoPoint(52.3906, 13.0645);
    public static final GeoPoint PARIS = new GeoPoint(48.8566, 2.3522);
    public static final GeoPoint NEW_YORK = new GeoPoint(40.7128, -74.0060);

    private static final AtomicInteger IDS = new AtomicInteger();

    private String cardNumber;
    private String accountId = ACCOUNT;
    private String amount = "25.00";
    private String currency = "EUR";
    private String country = "DE";
    private GeoPoint location = BERLIN;
    private Instant at = T0;
    private String id;

    private Payments() {
    }

    public static Payments card(String cardNumber) {
        Payments payment = new Payments();
        payment.cardNumber = cardNumber;
        return payment;
    }

    public static AccountProfile profile(String accountId, String homeCountry, String typicalSpend, Instant validFrom) {
        return AccountProfile.newBuilder().setAccountId(accountId).setHomeCountry(homeCountry)
                .setTypicalSpend(new BigDecimal(typicalSpend)).setCurrency("EUR").setUpdatedAt(validFrom).build();
    }

    public Payments amount(String value) { this.amount = value; return this; }
    public Payments at(Instant time) { this.at = time; return this; }
    public Payments account(String value) { this.accountId = value; return this; }
    public Payments id(String value) { this.id = value; return this; }
    public Payments in(String countryCode, GeoPoint point) { this.country = countryCode; this.location = point; return this; }
    public Payments currency(String value) { this.currency = value; return this; }

    public Transaction build() {
        return Transaction.newBuilder()
                .setTransactionId(id != null ? id : "tx-" + IDS.incrementAndGet())
                .setCardId(cardNumber)
                .setAccountId(accountId)
                .setAmount(new BigDecimal(amount))
                .setCurrency(currency)
                .setMerchantId("merchant-7")
                .setMerchantCategory("5411")
                .setCountry(country)
                .setLocation(GeoPoint.newBuilder(location).build())
                .setChannel(Channel.POS)
                .setEventTime(at)
                .setDeviceId(null)
                .build();
    }
}
