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

    private final ImpossibleTravel rule = new ImpossibleTravel(900, 10);

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
        assertThat(new ImpossibleTravel(400, 10).isImpossible(berlin, parisAfterTwoHours)).isTrue();
        assertThat(rule.isImpossible(berlin, parisAfterAnHour)).isFalse();
        assertThat(rule.isImpossible(null, parisAfterAnHour)).isFalse();
        assertThat(rule.isImpossible(berlin, new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 0))).isFalse();
    }

    /** Half a kilometre in a second computed as 1,800 km/h: two shops in one street. */
    @Test
    void tinyMoveShortlyAfterIsNoTravelAtAll() {
        Sighting shop = new Sighting(52.5200, 13.4050, 0);
        Sighting nextDoor = new Sighting(52.5245, 13.4050, 1_000);
        assertThat(ImpossibleTravel.distanceKm(shop, nextDoor)).isCloseTo(0.5, within(0.01));

        assertThat(rule.isImpossible(shop, nextDoor)).isFalse();
        assertThat(new ImpossibleTravel(900, 0).isImpossible(shop, nextDoor)).as("without a minimum distance").isTrue();
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0), card(CARD_A).in("DE", new io.streamsuite.schemas.payments.GeoPoint(52.5245, 13.4050))
                    .at(T0.plusSeconds(1)).id("next-door"));

            assertThat(fraud.scored()).allSatisfy(tx -> assertThat(tx.getReasons()).isEmpty());
        }
    }

    @Test
    void sameInstantIsImpossibleOnlyWhenFarApart() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0).id("berlin"),
                    card(CARD_A).in("DE", new io.streamsuite.schemas.payments.GeoPoint(52.5210, 13.4060)).at(T0).id("same-street"),
                    card(CARD_A).in("FR", PARIS).at(T0).id("paris-at-the-same-instant"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(1).getReasons()).doesNotContain(FraudReason.IMPOSSIBLE_TRAVEL);
            assertThat(scored.get(2).getReasons()).contains(FraudReason.IMPOSSIBLE_TRAVEL);
        }
    }

    /**
     * Berlin at 0, New York at 600 s, Berlin at 1200 s; then a report from Berlin at 100 s arrives late.
     * Its neighbours in event time are Berlin at 0 (fine) and New York at 600 s (6,400 km in 500 s):
     * impossible, though the newest sighting (Berlin at 1200 s) is the same place.
     */
    @Test
    void outOfOrderTransactionIsComparedWithItsEventTimeNeighboursNotOnlyTheNewest() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).at(T0).id("berlin-0"),
                    card(CARD_A).in("US", NEW_YORK).at(T0.plusSeconds(600)).id("new-york-600"),
                    card(CARD_A).at(T0.plusSeconds(1200)).id("berlin-1200"),
                    card(CARD_A).at(T0.plusSeconds(100)).id("late-berlin-100"),
                    card(CARD_A).at(T0.plusSeconds(1300)).id("berlin-1300"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(3).getTransactionId()).isEqualTo("late-berlin-100");
            assertThat(scored.get(3).getReasons()).contains(FraudReason.IMPOSSIBLE_TRAVEL);
            assertThat(scored.get(4).getReasons()).doesNotContain(FraudReason.IMPOSSIBLE_TRAVEL);
            Sighting berlin = new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 100_000);
            assertThat(rule.isImpossibleNextTo(List.of(new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 0)), berlin)).isFalse();
        }
    }

    /**
     * New York at 0, Berlin at 1800 s (impossible: reported then), then a Berlin payment of 1799 s arrives
     * late. It falls between the two, next to New York, but it is the jump already reported, not a second
     * one: the Flink peer, comparing with the newest sighting, does not flag it either.
     */
    @Test
    void latePaymentAtTheDestinationOfAReportedJumpIsNotReportedAgain() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.pay(card(CARD_A).in("US", NEW_YORK).at(T0).id("new-york-0"),
                    card(CARD_A).at(T0.plusSeconds(1800)).id("berlin-1800"),
                    card(CARD_A).at(T0.plusSeconds(1799)).id("late-berlin-1799"),
                    card(CARD_A).in("US", NEW_YORK).at(T0.plusSeconds(1790)).id("late-new-york-1790"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(1).getReasons()).contains(FraudReason.IMPOSSIBLE_TRAVEL);
            assertThat(scored.get(2).getTransactionId()).isEqualTo("late-berlin-1799");
            assertThat(scored.get(2).getReasons()).doesNotContain(FraudReason.IMPOSSIBLE_TRAVEL);
            // A move of its own: New York 9 s before Berlin.
            assertThat(scored.get(3).getReasons()).contains(FraudReason.IMPOSSIBLE_TRAVEL);
        }
        Sighting newYork = new Sighting(NEW_YORK.getLatitude(), NEW_YORK.getLongitude(), 0);
        Sighting berlin = new Sighting(BERLIN.getLatitude(), BERLIN.getLongitude(), 1_800_000);
        Sighting paris = new Sighting(PARIS.getLatitude(), PARIS.getLongitude(), 1_799_000);
        assertThat(rule.isImpossibleNextTo(List.of(newYork, berlin), paris)).as("Paris a second before Berlin").isTrue();
    }
}
