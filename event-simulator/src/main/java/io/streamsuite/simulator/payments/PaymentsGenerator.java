package io.streamsuite.simulator.payments;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.ExchangeRate;
import io.streamsuite.schemas.payments.GeoPoint;
import io.streamsuite.schemas.payments.Transaction;
import io.streamsuite.simulator.event.Disorder;
import io.streamsuite.simulator.event.DomainGenerator;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimClock;
import io.streamsuite.simulator.event.SimEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Card transactions keyed by card number, with the account profiles they belong to (sent first).
 * Normal traffic never trips a fraud rule: amounts stay within 3× typical spend and at or above 1.00, cards stay
 * near home at walking-to-driving speed, and no card gets more than 4 transactions in two minutes. Fraud patterns
 * are injected at the configured share of transactions, each shaped to trigger its rule, on a card that is then
 * left alone long enough for its owner to plausibly be home again.
 */
public final class PaymentsGenerator implements DomainGenerator {

    public static final String DOMAIN = "payments";

    private static final long MINUTE = 60_000;
    /** The base currency of the exchange rates. */
    public static final String BASE_CURRENCY = "EUR";
    /** What one unit of each currency the cities use is worth in euros, as a reference feed would publish it. */
    public static final Map<String, BigDecimal> EUR_PER_UNIT = Map.ofEntries(
            Map.entry("CHF", new BigDecimal("1.06")), Map.entry("GBP", new BigDecimal("1.17")),
            Map.entry("PLN", new BigDecimal("0.23")), Map.entry("SEK", new BigDecimal("0.087")),
            Map.entry("USD", new BigDecimal("0.92")), Map.entry("CAD", new BigDecimal("0.67")),
            Map.entry("JPY", new BigDecimal("0.0061")), Map.entry("SGD", new BigDecimal("0.69")),
            Map.entry("AUD", new BigDecimal("0.60")), Map.entry("BRL", new BigDecimal("0.17")));
    private static final double HOMECOMING_KMH = 600;

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final SimClock clock;
    private final Disorder disorder;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Card> cards = new ArrayList<>();
    private final List<SimEvent> reference;
    private final PriorityQueue<Scheduled> pending =
            new PriorityQueue<>(Comparator.comparingLong(Scheduled::eventTimeMs).thenComparingLong(Scheduled::seq));
    private long scheduledSeq;
    private long emitted;
    private long fraudPlanned;

    private record Scheduled(long eventTimeMs, long seq, SimEvent event) {
    }

    /** An account holder: where they live and what they usually spend. */
    public record Account(String accountId, Geo.City home, double latitude, double longitude, BigDecimal typicalSpend,
                          List<String> cardIds) {
    }

    private static final class Card {
        final String cardId;
        final Account account;
        final double[][] spots;
        double lastLat;
        double lastLon;
        long lastTime = Long.MIN_VALUE;
        boolean lastAtHome = true;
        boolean lastWasFraud;
        long busyUntil = Long.MIN_VALUE;
        final ArrayDeque<Long> recent = new ArrayDeque<>();

        Card(String cardId, Account account, double[][] spots) {
            this.cardId = cardId;
            this.account = account;
            this.spots = spots;
        }

        int recentCount(long now) {
            while (!recent.isEmpty() && recent.peekFirst() <= now - 2 * MINUTE) {
                recent.pollFirst();
            }
            return recent.size();
        }

        void moved(double lat, double lon, long time, boolean atHome) {
            lastLat = lat;
            lastLon = lon;
            lastTime = time;
            lastAtHome = atHome;
            recent.addLast(time);
        }
    }

    public PaymentsGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seedFor(DOMAIN));
        this.clock = new SimClock(settings.start().toEpochMilli(), settings.eventsPerSecond());
        this.disorder = new Disorder(settings);
        createAccounts(settings.population());
        List<SimEvent> reference = new ArrayList<>();
        EUR_PER_UNIT.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(rate -> reference.add(rateEvent(rate.getKey(), rate.getValue())));
        accounts.stream().map(this::profileEvent).forEach(reference::add);
        this.reference = List.copyOf(reference);
    }

    @Override
    public String domain() {
        return DOMAIN;
    }

    @Override
    public String streamTopic() {
        return DomainTopics.PAYMENTS_TRANSACTIONS;
    }

    @Override
    public String referenceTopic() {
        return DomainTopics.PAYMENTS_ACCOUNTS;
    }

    /**
     * The exchange rates (keyed by currency, to {@link DomainTopics#PAYMENTS_EXCHANGE_RATES}), then one
     * AccountProfile per account, keyed by account id; all stamped a day before the first transaction.
     */
    @Override
    public List<SimEvent> referenceData() {
        return reference;
    }

    public List<Account> accounts() {
        return List.copyOf(accounts);
    }

    @Override
    public SimEvent next() {
        long now = clock.tick(random);
        if (settings.fraudShare() > 0 && fraudPlanned < settings.fraudShare() * (emitted + 1)) {
            planFraud(now);
        }
        SimEvent event;
        if (!pending.isEmpty() && pending.peek().eventTimeMs() <= now) {
            event = pending.poll().event();
        } else {
            event = normal(now);
        }
        emitted++;
        return event;
    }

    private SimEvent normal(long now) {
        Card card = pickCard(now, 0);
        Disorder.Timing timing = disorder.timing(card.cardId, now, random);
        if (timing.kind() == SimEvent.Kind.OUT_OF_ORDER && card.lastWasFraud) {
            // Reordered into a fraud burst it would change what the burst shows; send it in order instead.
            timing = new Disorder.Timing(now, SimEvent.Kind.NORMAL);
            disorder.record(card.cardId, now);
        }
        Merchants.Category category = Merchants.pick(random);
        BigDecimal amount = amount(card.account.typicalSpend(), category.minFactor(), category.maxFactor());
        if (timing.kind() == SimEvent.Kind.OUT_OF_ORDER) {
            // It still lands in the card's velocity windows.
            card.recent.addLast(timing.eventTimeMs());
        }
        if (timing.kind() != SimEvent.Kind.NORMAL && card.lastTime != Long.MIN_VALUE) {
            // Where the card last was: a late or reordered event must not look like travel.
            return transaction(card, timing.eventTimeMs(), timing.kind(), null, amount, category,
                    card.account.home(), card.lastLat, card.lastLon);
        }
        double[] spot = currentSpot(card, timing.eventTimeMs());
        SimEvent event = transaction(card, timing.eventTimeMs(), timing.kind(), null, amount, category,
                card.account.home(), spot[0], spot[1]);
        if (timing.kind() == SimEvent.Kind.NORMAL) {
            card.moved(spot[0], spot[1], timing.eventTimeMs(), true);
            card.lastWasFraud = false;
        }
        return event;
    }

    /**
     * A random card that is not cooling down after a fraud pattern and has fewer than 3 transactions in the last
     * two minutes, or (for a pattern) none in the last {@code quietMinutes}.
     */
    private Card pickCard(long now, int quietMinutes) {
        for (int attempt = 0; attempt < 64; attempt++) {
            Card card = cards.get(random.nextInt(cards.size()));
            if (card.busyUntil > now) {
                continue;
            }
            if (quietMinutes > 0 ? card.lastTime <= now - quietMinutes * MINUTE : card.recentCount(now) < 3) {
                return card;
            }
        }
        Card fallback = fallback(now);
        return fallback == null ? cards.get(random.nextInt(cards.size())) : fallback;
    }

    private Card fallback(long now) {
        // A world too small for the rate: take the least recently used free card rather than break a rule.
        Card best = null;
        for (Card card : cards) {
            if (card.busyUntil <= now && (best == null || card.lastTime < best.lastTime)) {
                best = card;
            }
        }
        return best;
    }

    /** Where the card is now: where it last paid if that was at home within 10 minutes, else one of its usual spots. */
    private double[] currentSpot(Card card, long now) {
        if (card.lastAtHome && card.lastTime > now - 10 * MINUTE) {
            return new double[] {card.lastLat, card.lastLon};
        }
        return card.spots[random.nextInt(card.spots.length)];
    }

    private void planFraud(long now) {
        Card card = pickCard(now, 2);
        FraudPattern pattern = FraudPattern.values()[random.nextInt(FraudPattern.values().length)];
        long t0 = now + 1 + random.nextInt(1_000);
        double[] here = currentSpot(card, t0);
        Account account = card.account;
        String name = pattern.name();
        card.lastWasFraud = true;
        switch (pattern) {
            case VELOCITY -> {
                int count = 6 + random.nextInt(3);
                Merchants.Category category = Merchants.pick(random);
                long t = t0;
                for (int i = 0; i < count; i++) {
                    schedule(transaction(card, t, SimEvent.Kind.NORMAL, name,
                            amount(account.typicalSpend(), 0.2, 1.0), category, account.home(), here[0], here[1]));
                    card.moved(here[0], here[1], t, true);
                    t += 3_000 + random.nextInt(3_000);
                }
                card.busyUntil = card.lastTime + 2 * MINUTE;
            }
            case OUT_OF_PATTERN_AMOUNT -> {
                BigDecimal amount = money(account.typicalSpend().doubleValue() * (6 + random.nextDouble() * 9));
                schedule(transaction(card, t0, SimEvent.Kind.NORMAL, name, amount, category("5732"),
                        account.home(), here[0], here[1]));
                card.moved(here[0], here[1], t0, true);
                card.busyUntil = t0 + 2 * MINUTE;
            }
            case SMALL_THEN_LARGE -> {
                BigDecimal small = money(0.01 + random.nextInt(99) / 100.0);
                BigDecimal large = money(500.01 + random.nextInt(100_000) / 100.0);
                long t1 = t0 + 5_000 + random.nextInt(45_000);
                schedule(transaction(card, t0, SimEvent.Kind.NORMAL, name, small, category("5999"),
                        account.home(), here[0], here[1]));
                schedule(transaction(card, t1, SimEvent.Kind.NORMAL, name, large, category("5732"),
                        account.home(), here[0], here[1]));
                card.moved(here[0], here[1], t0, true);
                card.moved(here[0], here[1], t1, true);
                card.busyUntil = t1 + 2 * MINUTE;
            }
            case FOREIGN_COUNTRY -> {
                // Card not present: bought online from a merchant abroad while the holder is at home, so no travel.
                Geo.City abroad = nearestForeignCity(account.home());
                schedule(transaction(card, t0, SimEvent.Kind.NORMAL, name, amount(account.typicalSpend(), 0.3, 1.5),
                        category("5999"), abroad, here[0], here[1]));
                card.moved(here[0], here[1], t0, true);
                card.busyUntil = t0 + 2 * MINUTE;
            }
            case IMPOSSIBLE_TRAVEL -> {
                Geo.City far = farCity(account.home());
                double[] there = Geo.near(far.latitude(), far.longitude(), 10, random);
                long t1 = t0 + 30_000 + random.nextInt((int) (4 * MINUTE + 30_000));
                schedule(transaction(card, t0, SimEvent.Kind.NORMAL, name,
                        amount(account.typicalSpend(), 0.3, 1.2), Merchants.pick(random), account.home(), here[0], here[1]));
                schedule(transaction(card, t1, SimEvent.Kind.NORMAL, name,
                        amount(account.typicalSpend(), 0.3, 1.5), category("5999"), far, there[0], there[1]));
                card.moved(here[0], here[1], t0, true);
                card.moved(there[0], there[1], t1, false);
                double km = Geo.distanceKm(here[0], here[1], there[0], there[1]);
                card.busyUntil = t1 + hours(km / HOMECOMING_KMH) + 10 * MINUTE;
            }
        }
    }

    private void schedule(SimEvent event) {
        pending.add(new Scheduled(event.eventTimeMs(), scheduledSeq++, event));
        fraudPlanned++;
        disorder.record(event.key(), event.eventTimeMs());
    }

    private SimEvent transaction(Card card, long eventTimeMs, SimEvent.Kind kind, String fraud, BigDecimal amount,
                                 Merchants.Category category, Geo.City city, double lat, double lon) {
        Channel channel = Merchants.channel(category, random);
        String deviceId = channel == Channel.ONLINE ? "dev-" + Integer.toHexString(card.cardId.hashCode()) : null;
        Transaction tx = new Transaction(new UUID(random.nextLong(), random.nextLong()).toString(), card.cardId,
                card.account.accountId(), amount, city.currency(), Merchants.merchantId(category, city.country(), random),
                category.mcc(), city.country(), new GeoPoint(lat, lon), channel, Instant.ofEpochMilli(eventTimeMs),
                deviceId);
        return new SimEvent(DOMAIN, DomainTopics.PAYMENTS_TRANSACTIONS, card.cardId, tx, eventTimeMs, kind, fraud);
    }

    private SimEvent rateEvent(String currency, BigDecimal eurPerUnit) {
        long at = settings.start().toEpochMilli() - 24 * 60 * MINUTE;
        ExchangeRate rate = new ExchangeRate(currency, BASE_CURRENCY, eurPerUnit.setScale(8), Instant.ofEpochMilli(at));
        return new SimEvent(DOMAIN, DomainTopics.PAYMENTS_EXCHANGE_RATES, currency, rate, at, SimEvent.Kind.REFERENCE, null);
    }

    private BigDecimal amount(BigDecimal typical, double minFactor, double maxFactor) {
        double factor = minFactor + random.nextDouble() * (maxFactor - minFactor);
        return money(Math.max(1.0, typical.doubleValue() * factor));
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static long hours(double h) {
        return (long) Math.ceil(h * 3_600_000);
    }

    private static Merchants.Category category(String mcc) {
        return Merchants.CATEGORIES.stream().filter(c -> c.mcc().equals(mcc)).findFirst().orElseThrow();
    }

    private Geo.City nearestForeignCity(Geo.City home) {
        List<Geo.City> candidates = Geo.CITIES.stream().filter(c -> !c.country().equals(home.country()))
                .sorted(Comparator.comparingDouble(c -> Geo.distanceKm(home.latitude(), home.longitude(),
                        c.latitude(), c.longitude())))
                .limit(3).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private Geo.City farCity(Geo.City home) {
        List<Geo.City> candidates = Geo.CITIES.stream().filter(c -> !c.country().equals(home.country()))
                .filter(c -> Geo.distanceKm(home.latitude(), home.longitude(), c.latitude(), c.longitude()) > 3_100)
                .toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private void createAccounts(int count) {
        Set<String> cardNumbers = new HashSet<>();
        for (int i = 0; i < count; i++) {
            // Most accounts in Europe, where the CITIES list is densest.
            Geo.City home = Geo.CITIES.get(random.nextInt(random.nextDouble() < 0.8 ? 17 : Geo.CITIES.size()));
            double[] where = Geo.near(home.latitude(), home.longitude(), 15, random);
            BigDecimal typical = money(Math.min(400, 15 + Math.exp(3 + random.nextGaussian() * 0.7)));
            int cardCount = 1 + random.nextInt(3);
            List<String> ids = new ArrayList<>(cardCount);
            while (ids.size() < cardCount) {
                String number = cardNumber();
                if (cardNumbers.add(number)) {
                    ids.add(number);
                }
            }
            Account account = new Account(String.format("acct-%06d", i), home, where[0], where[1], typical, List.copyOf(ids));
            accounts.add(account);
            for (String number : ids) {
                double[][] spots = new double[3][];
                for (int s = 0; s < spots.length; s++) {
                    spots[s] = Geo.near(where[0], where[1], 5, random);
                }
                cards.add(new Card(number, account, spots));
            }
        }
    }

    /** A 16-digit Visa-like number with a valid Luhn check digit. */
    private String cardNumber() {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    private SimEvent profileEvent(Account account) {
        long at = settings.start().toEpochMilli() - 24 * 60 * MINUTE;
        AccountProfile profile = new AccountProfile(account.accountId(), account.home().country(),
                account.typicalSpend(), account.home().currency(), Instant.ofEpochMilli(at));
        return new SimEvent(DOMAIN, DomainTopics.PAYMENTS_ACCOUNTS, account.accountId(), profile, at,
                SimEvent.Kind.REFERENCE, null);
    }
}
