package io.streamsuite.kit.topk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Bounded top-K state: at most {@code capacity} keys with a score each, optionally decaying with a
 * half-life in event time, so a store value built from it stays the same size however long a service runs.
 * When full, a new key replaces the weakest only if it scores higher (a recent strong signal still gets in;
 * a trickle of weak new keys cannot churn out the established ones).
 *
 * <p>Scores are kept as of {@link #asOf()}: {@link #add} first decays every score to the new time (event
 * times only move forward here; an older event adds its weight decayed to the current time). Decay is
 * uniform, so it never reorders keys and costs one pass over at most {@code capacity} entries.
 * Not thread-safe; a processor builds one per record from its stored entries and writes it back.
 */
public final class TopK {

    /** One key and its score as of the top-K's time. */
    public record Entry(String key, double score) {
    }

    private static final Comparator<Entry> BEST_FIRST =
            Comparator.comparingDouble(Entry::score).reversed().thenComparing(Entry::key);

    private final int capacity;
    private final double halfLifeMillis;
    private final Map<String, Double> scores;
    private long asOf;

    /**
     * @param capacity       most keys kept, at least 1
     * @param halfLifeMillis time after which a score counts half; {@code 0} or less: no decay
     * @param asOf           event time the given scores are valid at
     */
    public TopK(int capacity, long halfLifeMillis, long asOf, List<Entry> entries) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.halfLifeMillis = halfLifeMillis;
        this.asOf = asOf;
        this.scores = new HashMap<>(Math.max(4, capacity * 2));
        List<Entry> best = new ArrayList<>(entries);
        best.sort(BEST_FIRST);
        for (Entry entry : best.subList(0, Math.min(capacity, best.size()))) {
            scores.merge(entry.key(), entry.score(), Double::sum);
        }
    }

    /**
     * The best {@code n} of {@code scores}, best first (highest score, then key): the same as sorting them all and
     * taking the first {@code n}, without sorting the rest.
     */
    public static List<Entry> best(int n, Map<String, Double> scores) {
        if (n < 1) {
            return List.of();
        }
        PriorityQueue<Entry> kept = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            Entry entry = new Entry(score.getKey(), score.getValue());
            if (kept.size() < n) {
                kept.add(entry);
            } else if (BEST_FIRST.compare(entry, kept.peek()) < 0) {
                kept.poll();
                kept.add(entry);
            }
        }
        List<Entry> best = new ArrayList<>(kept);
        best.sort(BEST_FIRST);
        return best;
    }

    public static TopK empty(int capacity, long halfLifeMillis) {
        return new TopK(capacity, halfLifeMillis, Long.MIN_VALUE, List.of());
    }

    /** Adds {@code weight} to {@code key} at event time {@code time}; returns whether the key is (still) kept. */
    public boolean add(String key, double weight, long time) {
        Objects.requireNonNull(key, "key");
        advanceTo(time);
        double contribution = time < asOf ? weight * decayFactor(asOf - time) : weight;
        Double current = scores.get(key);
        if (current != null) {
            scores.put(key, current + contribution);
            return true;
        }
        if (scores.size() < capacity) {
            scores.put(key, contribution);
            return true;
        }
        Entry weakest = weakest();
        if (contribution <= weakest.score()) {
            return false;
        }
        scores.remove(weakest.key());
        scores.put(key, contribution);
        return true;
    }

    /** Drops a key (e.g. an item that should no longer be offered). */
    public void remove(String key) {
        scores.remove(key);
    }

    /** Decays every score to {@code time}, if it is later than the current time. */
    public void advanceTo(long time) {
        if (asOf == Long.MIN_VALUE) {
            asOf = time;
            return;
        }
        if (time <= asOf) {
            return;
        }
        double factor = decayFactor(time - asOf);
        if (factor != 1.0) {
            scores.replaceAll((key, score) -> score * factor);
        }
        asOf = time;
    }

    /** All kept keys, best first (highest score, then key). */
    public List<Entry> entries() {
        return top(capacity);
    }

    /** The best {@code n} keys. */
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(scores.size());
        scores.forEach((key, score) -> all.add(new Entry(key, score)));
        all.sort(BEST_FIRST);
        return all.size() > n ? List.copyOf(all.subList(0, Math.max(0, n))) : all;
    }

    public int size() {
        return scores.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Event time the scores are valid at; {@link Long#MIN_VALUE} before the first {@link #add}. */
    public long asOf() {
        return asOf;
    }

    private Entry weakest() {
        Entry weakest = null;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            Entry candidate = new Entry(e.getKey(), e.getValue());
            if (weakest == null || BEST_FIRST.compare(candidate, weakest) > 0) {
                weakest = candidate;
            }
        }
        return weakest;
    }

    private double decayFactor(long elapsedMillis) {
        return decay(elapsedMillis, halfLifeMillis);
    }

    /** What a score counts after {@code elapsedMillis} with this half-life ({@code 0} or less: no decay), as in {@link #add}. */
    public static double decay(long elapsedMillis, double halfLifeMillis) {
        if (halfLifeMillis <= 0 || elapsedMillis <= 0) {
            return 1.0;
        }
        return Math.pow(0.5, elapsedMillis / halfLifeMillis);
    }
}
