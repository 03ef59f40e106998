package io.streamsuite.simulator.event;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides, per stream event, whether it goes out normal, out of order or late, and gives its event time.
 * Out of order: 1–20 s before the previous event of the same key (inside any sensible grace period).
 * Late: at least {@code lateness} (plus up to 20 min) behind the clock, beyond any grace period.
 */
public final class Disorder {

    /** The outcome for one event. */
    public record Timing(long eventTimeMs, SimEvent.Kind kind) {
    }

    private final double lateShare;
    private final double outOfOrderShare;
    private final long latenessMs;
    private final Map<String, Long> lastTimeByKey = new HashMap<>();

    public Disorder(GeneratorSettings settings) {
        this.lateShare = settings.lateShare();
        this.outOfOrderShare = settings.outOfOrderShare();
        this.latenessMs = settings.lateness().toMillis();
    }

    /** The timing of the next event of {@code key}, generated at simulated time {@code nowMs}. */
    public Timing timing(String key, long nowMs, SplittableRandom random) {
        double roll = random.nextDouble();
        Long previous = lastTimeByKey.get(key);
        if (roll < lateShare) {
            return new Timing(nowMs - latenessMs - random.nextLong(20 * 60_000L), SimEvent.Kind.LATE);
        }
        if (roll < lateShare + outOfOrderShare && previous != null) {
            return new Timing(previous - 1_000 - random.nextLong(19_000), SimEvent.Kind.OUT_OF_ORDER);
        }
        lastTimeByKey.put(key, nowMs);
        return new Timing(nowMs, SimEvent.Kind.NORMAL);
    }

    /** Records an event sent outside {@link #timing} (e.g. part of a fraud pattern) as the key's latest. */
    public void record(String key, long eventTimeMs) {
        lastTimeByKey.merge(key, eventTimeMs, Math::max);
    }

    /** The latest normal event time of the key, or null. */
    public Long lastTime(String key) {
        return lastTimeByKey.get(key);
    }
}
