package io.streamsuite.fraud.rules;

import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.CARD_B;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudDriver;
import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.fraud.card.CardState;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class SmallThenLargeTest {

    private final SmallThenLarge rule = new SmallThenLarge(new BigDecimal("1.00"), new BigDecimal("500.00"), Duration.ofMinutes(1));

    @Test
    void cardTestedWithSmallThenLargeWithinAMinuteRaisesAlert() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0),
                    card(CARD_A).amount("899.00").at(T0.plusSeconds(40)).id("large-1"));

            List<FraudAlert> alerts = fraud.alerts();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.getTransactionId()).isEqualTo("large-1");
                assertThat(alert.getReasons()).containsExactly(FraudReason.SMALL_THEN_LARGE);
                assertThat(alert.getCardLast4()).isEqualTo("1111");
            });
        }
    }

    @Test
    void largeSeventySecondsAfterTheSmallOneRaisesNoAlert() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0),
                    card(CARD_A).amount("899.00").at(T0.plusSeconds(70)));

            assertThat(fraud.alerts()).isEmpty();
            assertThat(fraud.scored()).extracting(ScoredTransaction::getScore).containsExactly(0, 0);
        }
    }

    @Test
    void smallOnOneCardDoesNotArmTheRuleForAnother() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0),
                    card(CARD_B).amount("899.00").at(T0.plusSeconds(10)));

            assertThat(fraud.alerts()).isEmpty();
        }
    }

    @Test
    void smallTransactionIsForgottenOnceTheCardsOwnPaymentsArePastItsMinute() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0));
            KeyValueStore<String, CardState> states = fraud.driver().getKeyValueStore(FraudTopics.CARD_STATE_STORE);
            assertThat(states.get(fraud.tokenOf(CARD_A)).pendingSmall()).isEqualTo(T0.toEpochMilli());

            fraud.pay(card(CARD_A).amount("20.00").at(T0.plusSeconds(90)));

            assertThat(states.get(fraud.tokenOf(CARD_A)).pendingSmall()).isEqualTo(CardState.NO_SMALL);
        }
    }

    /** Unlike the Flink walkthrough, which stops at the first: every large one after a card test is suspicious. */
    @Test
    void everyLargePaymentWithinTheMinuteAfterASmallOneIsFlagged() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("0.50").at(T0),
                    card(CARD_A).amount("899.00").at(T0.plusSeconds(20)).id("large-1"),
                    card(CARD_A).amount("650.00").at(T0.plusSeconds(40)).id("large-2"),
                    card(CARD_A).amount("700.00").at(T0.plusSeconds(61)).id("too-late"));

            assertThat(fraud.alerts()).extracting(FraudAlert::getTransactionId).containsExactly("large-1", "large-2");
        }
    }

    @Test
    void matchesOnlyALargeOneAfterTheSmallOneWithinTheLimit() {
        long small = T0.toEpochMilli();
        assertThat(rule.matches(small, small + 60_000)).isTrue();
        assertThat(rule.matches(small, small + 60_001)).isFalse();
        assertThat(rule.matches(small, small - 1)).isFalse();
        assertThat(rule.matches(null, small)).isFalse();
        assertThat(rule.isSmall(new BigDecimal("0.99"))).isTrue();
        assertThat(rule.isSmall(new BigDecimal("1.00"))).isFalse();
        assertThat(rule.isLarge(new BigDecimal("500.00"))).isFalse();
        assertThat(rule.isLarge(new BigDecimal("500.01"))).isTrue();
    }
}
