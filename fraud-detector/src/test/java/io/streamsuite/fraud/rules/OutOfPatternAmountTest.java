package io.streamsuite.fraud.rules;

import static io.streamsuite.fraud.Payments.ACCOUNT;
import static io.streamsuite.fraud.Payments.CARD_A;
import static io.streamsuite.fraud.Payments.PARIS;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.card;
import static io.streamsuite.fraud.Payments.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudDriver;
import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.fraud.card.CardProcessor;
import io.streamsuite.fraud.currency.CurrencyConverter;
import io.streamsuite.fraud.currency.Rate;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
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

    /** Three quarters of real payments are not in the account's currency: they must be checked too. */
    @Test
    void amountInAnotherCurrencyIsConvertedWithTheExchangeRates() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0.minus(Duration.ofDays(1))));
            fraud.rate("USD", "0.90").rate("GBP", "1.20");
            // 600 USD = 540 EUR > 500; 520 USD = 468 EUR; 420 GBP = 504 EUR > 500.
            fraud.pay(card(CARD_A).amount("600.00").currency("USD").at(T0).id("usd-big"),
                    card(CARD_A).amount("520.00").currency("USD").at(T0.plusSeconds(60)).id("usd-fine"),
                    card(CARD_A).amount("420.00").currency("GBP").at(T0.plusSeconds(120)).id("gbp-big"));

            List<ScoredTransaction> scored = fraud.scored();
            assertThat(scored.get(0).getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT);
            assertThat(scored.get(1).getReasons()).isEmpty();
            assertThat(scored.get(2).getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT);
            assertThat(fraud.metricTotal(CardProcessor.AMOUNT_NOT_COMPARED_METRIC)).isZero();
        }
    }

    @Test
    void paymentsThatCannotBeComparedForWantOfARateAreCounted() {
        try (FraudDriver fraud = new FraudDriver()) {
            fraud.profile(profile(ACCOUNT, "DE", "100.00", T0.minus(Duration.ofDays(1))));
            fraud.rate("USD", "0.90");
            fraud.pay(card(CARD_A).amount("9000.00").currency("JPY").at(T0).id("no-rate"),
                    card(CARD_A).amount("900.00").currency("USD").at(T0.plusSeconds(60)).id("usd"),
                    card(CARD_A).amount("10.00").at(T0.plusSeconds(120)).id("eur"));

            assertThat(fraud.scored()).extracting(ScoredTransaction::getReasons)
                    .containsExactly(List.of(), List.of(FraudReason.OUT_OF_PATTERN_AMOUNT), List.of());
            assertThat(fraud.metricTotal(CardProcessor.AMOUNT_NOT_COMPARED_METRIC)).isEqualTo(1.0);
        }
    }

    @Test
    void converterGoesThroughTheBaseCurrencyAndRefusesMixedBases() {
        Map<String, Rate> rates = Map.of("USD", new Rate("EUR", new BigDecimal("0.90")),
                "GBP", new Rate("EUR", new BigDecimal("1.20")), "CHF", new Rate("USD", new BigDecimal("1.10")));
        CurrencyConverter converter = new CurrencyConverter(rates::get);

        assertThat(converter.convert(new BigDecimal("100"), "USD", "EUR")).isEqualByComparingTo("90");
        assertThat(converter.convert(new BigDecimal("90"), "EUR", "USD")).isEqualByComparingTo("100");
        assertThat(converter.convert(new BigDecimal("120"), "usd", "GBP")).isEqualByComparingTo("90");
        assertThat(converter.convert(new BigDecimal("5"), "EUR", "eur")).isEqualByComparingTo("5");
        assertThat(converter.convert(new BigDecimal("100"), "CHF", "GBP")).isNull();
        assertThat(converter.convert(new BigDecimal("100"), "JPY", "EUR")).isNull();
    }

    /** The profile history kept its profiles as Avro and registered its own schema under the producer's subject. */
    @Test
    void profileHistoryRegistersNothingUnderTheProducersSubject() {
        Schema producers = SchemaBuilder.record("AccountProfile").namespace("io.streamsuite.schemas.payments").fields()
                .requiredString("accountId").requiredString("homeCountry")
                .name("typicalSpend").type(LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES))).noDefault()
                .requiredString("currency")
                .name("updatedAt").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .optionalString("segment")
                .endRecord();
        try (FraudDriver fraud = new FraudDriver()) {
            GenericRecord profile = new GenericData.Record(producers);
            profile.put("accountId", ACCOUNT);
            profile.put("homeCountry", "DE");
            profile.put("typicalSpend", new Conversions.DecimalConversion().toBytes(new BigDecimal("100.00"),
                    producers.getField("typicalSpend").schema(), LogicalTypes.decimal(12, 2)));
            profile.put("currency", "EUR");
            profile.put("updatedAt", T0.minus(Duration.ofDays(1)).toEpochMilli());
            profile.put("segment", "retail");
            TestInputTopic<String, GenericRecord> accounts = fraud.driver().createInputTopic(FraudTopics.ACCOUNTS,
                    Serdes.String().serializer(), fraud.serdes().genericValueSerde().serializer());
            accounts.pipeInput(ACCOUNT, profile);
            fraud.pay(card(CARD_A).amount("600.00").at(T0).id("big"));

            assertThat(fraud.scored()).singleElement()
                    .satisfies(tx -> assertThat(tx.getReasons()).containsExactly(FraudReason.OUT_OF_PATTERN_AMOUNT));
            assertThat(fraud.serdes().registry().latest(FraudTopics.ACCOUNTS + "-value").schema()).isEqualTo(producers);
        }
    }
}
