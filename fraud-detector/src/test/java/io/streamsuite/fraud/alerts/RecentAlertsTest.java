package io.streamsuite.fraud.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {

    @Test
    void keysAreTheFormattedOnesStoresAlreadyHoldAndSortNewestFirst() {
        FraudAlert older = alert("a-1", 1_700_000_000_000L);
        FraudAlert newer = alert("a-2", 1_700_000_060_000L);
        assertThat(RecentAlerts.key(older))
                .isEqualTo(String.format("%019d:%s", Long.MAX_VALUE - 1_700_000_000_000L, "a-1"));
        assertThat(RecentAlerts.key(newer)).isLessThan(RecentAlerts.key(older));
        assertThat(RecentAlerts.key(alert("a-0", 0))).isEqualTo(Long.MAX_VALUE + ":a-0");
    }

    private static FraudAlert alert(String id, long eventTime) {
        return FraudAlert.newBuilder().setAlertId(id).setTransactionId("tx-" + id).setCardToken("tok").setCardLast4("1111")
                .setAccountId("acc").setScore(70).setReasons(List.of(FraudReason.IMPOSSIBLE_TRAVEL))
                .setAmount(new BigDecimal("10.00")).setCurrency("EUR").setEventTime(Instant.ofEpochMilli(eventTime))
                .setDetectedAt(Instant.ofEpochMilli(eventTime)).build();
    }
}
