package io.streamsuite.benchmarks.serde;

import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.GeoPoint;
import io.streamsuite.schemas.payments.Transaction;
import java.math.BigDecimal;
import java.time.Instant;

/** A Transaction shaped like the simulator's: every field set, realistic lengths. */
final class SampleTransactions {

    private SampleTransactions() {
    }

    static Transaction typical() {
        return Transaction.newBuilder()
                .setTransactionId("tx-7f3c2a9e-5d41-4c8b-9a1e-0b6d2f4e8c17")
                .setCardId("4539148803436467")
                .setAccountId("acc-000421")
                .setAmount(new BigDecimal("127.45"))
                .setCurrency("EUR")
                .setMerchantId("m-0193")
                .setMerchantCategory("5411")
                .setCountry("DE")
                .setLocation(GeoPoint.newBuilder().setLatitude(52.5200).setLongitude(13.4050).build())
                .setChannel(Channel.CONTACTLESS)
                .setEventTime(Instant.parse("2026-11-25T09:00:00Z"))
                .setDeviceId("dev-88a1")
                .build();
    }
}
