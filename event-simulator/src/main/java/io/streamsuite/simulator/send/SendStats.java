package io.streamsuite.simulator.send;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts per topic, updated from producer callbacks (so only acknowledged records count as sent). */
public final class SendStats {

    private final Map<String, Counters> byTopic = new ConcurrentHashMap<>();
    private final Map<String, String> domainOfTopic = new ConcurrentHashMap<>();

    /** Live counters of one topic. */
    public static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder fraud = new LongAdder();
        final Map<PoisonKind, LongAdder> poison = new EnumMap<>(PoisonKind.class);

        Counters() {
            for (PoisonKind kind : PoisonKind.values()) {
                poison.put(kind, new LongAdder());
            }
        }
    }

    /** A snapshot of one topic's (or one domain's) counters. Poison records are included in {@code sent}. */
    public record Tally(long sent, long errors, long late, long outOfOrder, long fraud, Map<PoisonKind, Long> poison) {

        public long poisonTotal() {
            return poison.values().stream().mapToLong(Long::longValue).sum();
        }

        Tally plus(Tally other) {
            Map<PoisonKind, Long> sum = new EnumMap<>(PoisonKind.class);
            for (PoisonKind kind : PoisonKind.values()) {
                sum.put(kind, poison.getOrDefault(kind, 0L) + other.poison.getOrDefault(kind, 0L));
            }
            return new Tally(sent + other.sent, errors + other.errors, late + other.late,
                    outOfOrder + other.outOfOrder, fraud + other.fraud, sum);
        }

        static Tally empty() {
            Map<PoisonKind, Long> zero = new EnumMap<>(PoisonKind.class);
            for (PoisonKind kind : PoisonKind.values()) {
                zero.put(kind, 0L);
            }
            return new Tally(0, 0, 0, 0, 0, zero);
        }
    }

    public Counters topic(String domain, String topic) {
        domainOfTopic.putIfAbsent(topic, domain);
        return byTopic.computeIfAbsent(topic, t -> new Counters());
    }

    public void sent(Counters counters) {
        counters.sent.increment();
    }

    public void sentLate(Counters counters) {
        counters.sent.increment();
        counters.late.increment();
    }

    public void sentOutOfOrder(Counters counters) {
        counters.sent.increment();
        counters.outOfOrder.increment();
    }

    public void sentFraud(Counters counters) {
        counters.sent.increment();
        counters.fraud.increment();
    }

    public void sentPoison(Counters counters, PoisonKind kind) {
        counters.sent.increment();
        counters.poison.get(kind).increment();
    }

    public void failed(Counters counters) {
        counters.errors.increment();
    }

    /** Per topic, sorted by name. */
    public Map<String, Tally> byTopic() {
        Map<String, Tally> result = new TreeMap<>();
        byTopic.forEach((topic, c) -> result.put(topic, tally(c)));
        return result;
    }

    /** Per domain, sorted by name. */
    public Map<String, Tally> byDomain() {
        Map<String, Tally> result = new TreeMap<>();
        byTopic().forEach((topic, tally) -> result.merge(domainOfTopic.get(topic), tally, Tally::plus));
        return result;
    }

    public Tally total() {
        return byTopic().values().stream().reduce(Tally.empty(), Tally::plus);
    }

    private static Tally tally(Counters c) {
        Map<PoisonKind, Long> poison = new EnumMap<>(PoisonKind.class);
        c.poison.forEach((kind, adder) -> poison.put(kind, adder.sum()));
        return new Tally(c.sent.sum(), c.errors.sum(), c.late.sum(), c.outOfOrder.sum(), c.fraud.sum(), poison);
    }
}
