package io.streamsuite.fraud.rules;

import static io.streamsuite.fraud.Payments.ACCOUNT;
import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.PARIS;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static io.streamsuite.fraud.Payments.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudDriver;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfPatternAmountTest {

    @Test
    void amountAboveFiveTimesTheTypicalSpendIsOutOfPattern() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0.minus(Duration.ofDays(1))));
            fraud.pay(card(CARD_A).amount("500.00").at(T0), card(CARD_A).amount("500.01").at(T0.plusSeconds(60)).id("big"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(0).getReasons()).isEmpty();
            assertThat(scored.get(1).getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT);
            assertThat(fraud.alerts()).singleElement().satisfies(alert -> assertThat(alert.getTransactionId()).isEqualTo("big"));
        }
    }

    @Test
    void paymentOutsideTheHomeCountryIsFlaggedForeignButAloneRaisesNoAlert() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0.minus(Duration.ofDays(1))));
            fraud.pay(card(CARD_A).in("FR", PARIS).at(T0));

            assertThat(fraud.scored()).singleElement().satisfies(tx -> {
                assertThat(tx.getReasons()).containsExactly(FraudReason.FOREIGN_COUNTRY);
                assertThat(tx.getScore()).isEqualTo(25);
            });
            assertThat(fraud.alerts()).isEmpty();
        }
    }

    @Test
    void withoutAProfileNothingIsOutOfPattern() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).amount("450.00").in("FR", PARIS).at(T0));

            assertThat(fraud.scored()).singleElement().satisfies(tx -> assertThat(tx.getReasons()).isEmpty());
        }
    }

    @Test
    void laterProfileUpdateDoesNotChangeTheVerdictOfAnEarlierTransaction() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0));
            // The account now spends more, from T0 + 10 min on: already known when the earlier payment arrives.
            fraud.profile(profile(ACCOUNT, "DE", "1000.00", T0.plusSeconds(600)));

            fraud.pay(card(CARD_A).amount("600.00").at(T0.plusSeconds(300)).id("before-raise"),
                    card(CARD_A).amount("600.00").at(T0.plusSeconds(900)).id("after-raise"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(0).getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT);
            assertThat(scored.get(1).getReasons()).doesNotContain(FraudReason.OUT_OF_PATTERN_AMOUNT);
        }
    }

    @Test
    void transactionIsJudgedAgainstTheProfileValidAtItsTime() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0));
            fraud.pay(card(CARD_A).in("FR", PARIS).at(T0.plusSeconds(1800)).id("in-paris-while-living-in-berlin"));
            // The holder moved to France an hour after T0; a payment from then on in France is at home.
            fraud.profile(profile(ACCOUNT, "FR", "100.00", T0.plusSeconds(3600)));
            fraud.pay(card(CARD_A).in("FR", PARIS).at(T0.plusSeconds(7200)).id("in-paris-after-moving"),
                    card(CARD_A).in("FR", PARIS).at(T0.plusSeconds(2400)).id("late-report-from-before-the-move"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored).extracting(ScoredTransaction::getTransactionId).containsExactly(
                    "in-paris-while-living-in-berlin", "in-paris-after-moving", "late-report-from-before-the-move");
            assertThat(scored.get(0).getReasons()).containsExactly(FraudReason.FOREIGN_COUNTRY);
            assertThat(scored.get(1).getReasons()).isEmpty();
            assertThat(scored.get(2).getReasons()).containsExactly(FraudReason.FOREIGN_COUNTRY);
        }
    }
}
