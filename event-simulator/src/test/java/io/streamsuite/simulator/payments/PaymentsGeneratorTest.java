package io.streamsuite.simulator.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.ExchangeRate;
import io.streamsuite.schemas.payments.Transaction;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the fraud-detector's rules, as the issue states them, over 40,000 generated transactions: every injected
 * pattern must trigger its rule, and nothing else may trigger any rule.
 */
class PaymentsGeneratorTest {

    private static final double FRAUD_SHARE = 0.05;
    private static final int N = 40_000;

    private static PaymentsGenerator generator;
    private static final List<SimEvent> events = new ArrayList<>();
    private static final Map<String, AccountProfile> profiles = new HashMap<>();
    private static long checkedUntil;

    @BeforeAll
    static void generate() {
        generator = new PaymentsGenerator(GeneratorSettings.of(7).withPopulation(3_000).withEventsPerSecond(40)
                .withFraudShare(FRAUD_SHARE).withLateShare(0.01).withOutOfOrderShare(0.03));
        generator.referenceData().stream().filter(e -> e.value() instanceof AccountProfile)
                .forEach(e -> profiles.put(e.key(), (AccountProfile) e.value()));
        for (int i = 0; i < N; i++) {
            events.add(generator.next());
        }
        // Patterns planned in the last minutes may not have all their transactions out yet.
        checkedUntil = events.get(N - 1).eventTimeMs() - 6 * 60_000L;
    }

    @Test
    void eachAccountHasOneToThreeValidCardsAndAProfile() {
        assertThat(generator.accounts()).hasSize(3_000);
        for (PaymentsGenerator.Account account : generator.accounts()) {
            assertThat(account.cardIds()).hasSizeBetween(1, 3);
            account.cardIds().forEach(card -> assertThat(card).matches("\\d{16}").satisfies(c -> assertThat(luhnValid(c)).isTrue()));
            assertThat(profiles.get(account.accountId()).getHomeCountry()).isEqualTo(account.home().country());
        }
        Set<String> allCards = generator.accounts().stream().flatMap(a -> a.cardIds().stream()).collect(Collectors.toSet());
        assertThat(allCards).hasSize((int) generator.accounts().stream().mapToLong(a -> a.cardIds().size()).sum());
    }

    @Test
    void fraudComesAtTheShareAskedWithEveryPattern() {
        long fraud = events.stream().filter(SimEvent::isFraud).count();
        assertThat(fraud / (double) N).isBetween(FRAUD_SHARE * 0.9, FRAUD_SHARE * 1.05);
        Set<String> patterns = events.stream().filter(SimEvent::isFraud).map(SimEvent::fraud).collect(Collectors.toSet());
        assertThat(patterns).containsExactlyInAnyOrderElementsOf(Arrays.stream(FraudPattern.values()).map(Enum::name).toList());
    }

    @Test
    void velocityFiresExactlyOnInjectedBursts() {
        // Hopping windows of 60 s advancing by 10 s, late records dropped, more than 5 in a window is a hit.
        Map<String, List<Transaction>> byWindow = new HashMap<>();
        for (SimEvent e : events) {
            if (e.kind() == SimEvent.Kind.LATE) {
                continue;
            }
            long t = e.eventTimeMs();
            for (long w = Math.floorDiv(t, 10_000L) * 10_000L; w > t - 60_000; w -= 10_000) {
                byWindow.computeIfAbsent(e.key() + "@" + w, k -> new ArrayList<>()).add(tx(e));
            }
        }
        Set<String> hitIds = byWindow.values().stream().filter(l -> l.size() > 5).flatMap(List::stream)
                .map(Transaction::getTransactionId).collect(Collectors.toSet());
        assertThat(outside(hitIds, idsOf(FraudPattern.VELOCITY))).isEmpty();
        assertThat(outside(checkedIdsOf(FraudPattern.VELOCITY), hitIds)).isEmpty();
        assertThat(hitIds).isNotEmpty();
    }

    @Test
    void exchangeRatesComeFirstForEveryForeignCurrencyOnTheirOwnTopic() {
        List<SimEvent> reference = generator.referenceData();
        Map<String, ExchangeRate> rates = new HashMap<>();
        reference.stream().filter(e -> e.topic().equals(DomainTopics.PAYMENTS_EXCHANGE_RATES))
                .forEach(e -> rates.put(e.key(), (ExchangeRate) e.value()));

        assertThat(reference.get(0).topic()).isEqualTo(DomainTopics.PAYMENTS_EXCHANGE_RATES);
        assertThat(rates.keySet()).containsAll(transactions().map(Transaction::getCurrency)
                .filter(c -> !c.equals(PaymentsGenerator.BASE_CURRENCY)).collect(Collectors.toSet()));
        assertThat(rates.values()).allSatisfy(rate -> {
            assertThat(rate.getBaseCurrency()).isEqualTo("EUR");
            assertThat(rate.getRate()).isPositive();
        });
        assertThat(transactions().filter(t -> !t.getCurrency().equals(profile(t).getCurrency()))).isNotEmpty();
    }

    @Test
    void outOfPatternAmountFiresOnlyOnInjectedAmounts() {
        Set<String> hits = transactions().filter(t -> t.getAmount().compareTo(
                        profile(t).getTypicalSpend().multiply(BigDecimal.valueOf(5))) > 0)
                .map(Transaction::getTransactionId).collect(Collectors.toSet());
        Set<String> allowed = new HashSet<>(idsOf(FraudPattern.OUT_OF_PATTERN_AMOUNT));
        allowed.addAll(idsOf(FraudPattern.SMALL_THEN_LARGE));
        assertThat(outside(hits, allowed)).isEmpty();
        assertThat(outside(checkedIdsOf(FraudPattern.OUT_OF_PATTERN_AMOUNT), hits)).isEmpty();
        assertThat(hits).isNotEmpty();
    }

    @Test
    void foreignCountryFiresOnlyOnInjectedTransactions() {
        Set<String> hits = transactions().filter(t -> !t.getCountry().equals(profile(t).getHomeCountry()))
                .map(Transaction::getTransactionId).collect(Collectors.toSet());
        Set<String> allowed = new HashSet<>(idsOf(FraudPattern.FOREIGN_COUNTRY));
        allowed.addAll(idsOf(FraudPattern.IMPOSSIBLE_TRAVEL));
        assertThat(outside(hits, allowed)).isEmpty();
        assertThat(outside(checkedIdsOf(FraudPattern.FOREIGN_COUNTRY), hits)).isEmpty();
        assertThat(hits).isNotEmpty();
    }

    @Test
    void smallThenLargeIsUnderOneThenOverFiveHundredOnOneCardWithinAMinute() {
        Map<String, Transaction> lastSmall = new HashMap<>();
        Set<String> hits = new HashSet<>();
        for (SimEvent e : events) {
            Transaction t = tx(e);
            if (t.getAmount().compareTo(BigDecimal.ONE) < 0) {
                lastSmall.put(t.getCardId(), t);
            } else if (t.getAmount().compareTo(new BigDecimal("500.00")) > 0) {
                Transaction small = lastSmall.get(t.getCardId());
                long gap = small == null ? Long.MAX_VALUE : t.getEventTime().toEpochMilli() - small.getEventTime().toEpochMilli();
                if (gap >= 0 && gap <= 60_000) {
                    hits.add(small.getTransactionId());
                    hits.add(t.getTransactionId());
                }
            }
        }
        assertThat(outside(hits, idsOf(FraudPattern.SMALL_THEN_LARGE))).isEmpty();
        assertThat(outside(checkedIdsOf(FraudPattern.SMALL_THEN_LARGE), hits)).isEmpty();
        assertThat(hits).isNotEmpty();
    }

    @Test
    void impossibleTravelIsOverNineHundredKmhAndNothingElseIs() {
        Map<String, Transaction> previous = new HashMap<>();
        Set<String> hits = new HashSet<>();
        for (SimEvent e : events) {
            Transaction t = tx(e);
            Transaction p = previous.put(t.getCardId(), t);
            if (p != null && speedKmh(p, t) > 900) {
                hits.add(t.getTransactionId());
            }
        }
        List<String> secondOfPair = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SimEvent e : events) {
            if (FraudPattern.IMPOSSIBLE_TRAVEL.name().equals(e.fraud()) && e.eventTimeMs() < checkedUntil
                    && seen.merge(e.key(), 1, Integer::sum) % 2 == 0) {
                secondOfPair.add(tx(e).getTransactionId());
            }
        }
        assertThat(outside(hits, idsOf(FraudPattern.IMPOSSIBLE_TRAVEL))).isEmpty();
        assertThat(outside(new HashSet<>(secondOfPair), hits)).isEmpty();
        assertThat(secondOfPair).isNotEmpty();
    }

    @Test
    void normalAmountsLookLikeCardSpending() {
        Map<String, Long> byMcc = transactions().filter(t -> !isFraud(t))
                .collect(Collectors.groupingBy(Transaction::getMerchantCategory, Collectors.counting()));
        assertThat(byMcc.keySet()).contains("5411", "5812", "5541", "6011");
        assertThat(byMcc.get("5411")).isGreaterThan(byMcc.get("7011"));
        assertThat(transactions().filter(t -> !isFraud(t)))
                .allSatisfy(t -> assertThat(t.getAmount()).isGreaterThanOrEqualTo(BigDecimal.ONE))
                .allSatisfy(t -> assertThat(t.getAmount().scale()).isEqualTo(2));
    }

    private static final Map<String, String> fraudById = new HashMap<>();

    private static boolean isFraud(Transaction t) {
        if (fraudById.isEmpty()) {
            events.stream().filter(SimEvent::isFraud).forEach(e -> fraudById.put(tx(e).getTransactionId(), e.fraud()));
        }
        return fraudById.containsKey(t.getTransactionId());
    }

    /** The ids in {@code ids} that are not in {@code allowed}. */
    private static Set<String> outside(Set<String> ids, Set<String> allowed) {
        Set<String> rest = new HashSet<>(ids);
        rest.removeAll(allowed);
        return rest;
    }

    private static Set<String> idsOf(FraudPattern pattern) {
        return events.stream().filter(e -> pattern == null ? !e.isFraud() : pattern.name().equals(e.fraud()))
                .map(e -> tx(e).getTransactionId()).collect(Collectors.toSet());
    }

    private static Set<String> checkedIdsOf(FraudPattern pattern) {
        return events.stream().filter(e -> pattern.name().equals(e.fraud()) && e.eventTimeMs() < checkedUntil)
                .map(e -> tx(e).getTransactionId()).collect(Collectors.toSet());
    }

    private static java.util.stream.Stream<Transaction> transactions() {
        return events.stream().map(PaymentsGeneratorTest::tx);
    }

    private static Transaction tx(SimEvent e) {
        return (Transaction) e.value();
    }

    private static AccountProfile profile(Transaction t) {
        return profiles.get(t.getAccountId());
    }

    private static double speedKmh(Transaction a, Transaction b) {
        return Geo.speedKmh(a.getLocation().getLatitude(), a.getLocation().getLongitude(), a.getEventTime().toEpochMilli(),
                b.getLocation().getLatitude(), b.getLocation().getLongitude(), b.getEventTime().toEpochMilli());
    }

    private static boolean luhnValid(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
