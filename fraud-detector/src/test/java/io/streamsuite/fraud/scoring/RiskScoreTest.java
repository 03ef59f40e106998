package io.streamsuite.fraud.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.CardStatus;
import io.streamsuite.schemas.payments.FraudReason;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskScoreTest {

    private final RiskScore risk = FraudSettings.defaults().riskScore();

    @Test
    void scoreIsTheSumOfTheWeightsCappedAtOneHundred() {
        assertThat(risk.score(Set.of())).isZero();
        assertThat(risk.score(EnumSet.of(FraudReason.FOREIGN_COUNTRY))).isEqualTo(25);
        assertThat(risk.score(EnumSet.of(FraudReason.FOREIGN_COUNTRY, FraudReason.VELOCITY))).isEqualTo(75);
        assertThat(risk.score(EnumSet.allOf(FraudReason.class))).isEqualTo(100);
    }

    @Test
    void everyRuleButForeignCountryRaisesAnAlertOnItsOwn() {
        for (FraudReason reason : EnumSet.of(FraudReason.VELOCITY, FraudReason.OUT_OF_PATTERN_AMOUNT,
                FraudReason.SMALL_THEN_LARGE, FraudReason.IMPOSSIBLE_TRAVEL)) {
            assertThat(risk.isAlert(risk.score(EnumSet.of(reason)))).as(reason.name()).isTrue();
        }
        assertThat(risk.isAlert(risk.score(EnumSet.of(FraudReason.FOREIGN_COUNTRY)))).isFalse();
    }

    @Test
    void blockedCardStaysBlockedAfterACleanTransaction() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        CardRiskProfile blocked = risk.nextProfile(null, "tok", "1111", "t1", 95, now);
        CardRiskProfile after = risk.nextProfile(blocked, "tok", "1111", "t2", 0, now.plusSeconds(1));

        assertThat(blocked.getStatus()).isEqualTo(CardStatus.BLOCKED);
        assertThat(blocked.getAlertCount()).isEqualTo(1);
        assertThat(after.getStatus()).isEqualTo(CardStatus.BLOCKED);
        assertThat(after.getAlertCount()).isEqualTo(1);
        assertThat(after.getLastScore()).isZero();
        assertThat(risk.nextProfile(null, "tok", "1111", "t1", 89, now).getStatus()).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void refusesThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new RiskScore(Map.of(), 80, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert-threshold");
    }
}
