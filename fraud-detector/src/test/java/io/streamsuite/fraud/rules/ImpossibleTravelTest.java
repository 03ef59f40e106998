package io.streamsuite.fraud.rules;

import static io.streamsuite.fraud.Payments.BERLIN;
import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.NEW_YORK;
import static io.streamsuite.fraud.Payments.PARIS;
import static io.streamsuite.fraud.Payments.POTSDAM;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsuite.fraud.FraudDriver;
import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpossibleTravelTest {

    private final ImpossibleTravel rule = new ImpossibleTravel(900);

    @Test
    void berlinThenNewYorkWithinAnHourIsImpossibleTravel() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0),
                    card(CARD_A).in("US", NEW_YORK).currency("USD").at(T0.plusSeconds(3600)).id("in-new-york"));

            assertThat(fraud.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getTransactionId()).isEqualTo("in-new-york");
                assertThat(alert.getReasons()).containsExactly(FraudReason.IMPOSSIBLE_TRAVEL);
            });
        }
    }

    @Test
    void berlinThenPotsdamWithinAnHourIsFine() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0), card(CARD_A).in("DE", POTSDAM).at(T0.plusSeconds(3600)));

            assertThat(fraud.scored()).allSatisfy(tx -> assertThat(tx.getReasons()).isEmpty());
        }
    }

    @Test
    void outOfOrderEventsCompareByAbsoluteTimeAndNeverMoveTheCardBack() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0.plusSeconds(600)),
                    // Happened ten minutes earlier, 6,400 km away: impossible whichever came first.
                    card(CARD_A).in("US", NEW_YORK).at(T0).id("late-new-york"),
                    // Compared with Berlin (the newest sighting), not with the late New York one.
                    card(CARD_A).at(T0.plusSeconds(1200)).id("back-in-berlin"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(1).getReasons()).contains(FraudReason.IMPOSSIBLE_TRAVEL);
            assertThat(scored.get(2).getTransactionId()).isEqualTo("back-in-berlin");
            assertThat(scored.get(2).getReasons()).doesNotContain(FraudReason.IMPOSSIBLE_TRAVEL);
        }
    }

    @Test
    void haversineDistanceBerlinParisIsAbout878Km() {
        assertThat(ImpossibleTravel.distanceKm(new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 0),
                new Sighting(PARIS.getLatitude(), PARIS.getLongitude(), 0))).isCloseTo(878, within(5.0));
    }

    @Test
    void speedIsJudgedAgainstTheLimit() {
        Sighting berlin = new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 0);
        Sighting parisAfterAnHour = new Sighting(PARIS.getLatitude(), PARIS.getLongitude(), 3_600_000);
        Sighting parisAfterTwoHours = new Sighting(PARIS.getLatitude(), PARIS.getLongitude(), 7_200_000);

        assertThat(rule.isImpossible(berlin, parisAfterTwoHours)).isFalse();
        assertThat(new ImpossibleTravel(400).isImpossible(berlin, parisAfterTwoHours)).isTrue();
        assertThat(rule.isImpossible(berlin, parisAfterAnHour)).isFalse();
        assertThat(rule.isImpossible(null, parisAfterAnHour)).isFalse();
        assertThat(rule.isImpossible(berlin, new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 0))).isFalse();
        assertThat(ImpossibleTravel.latest(parisAfterTwoHours, berlin)).isEqualTo(parisAfterTwoHours);
    }
}
