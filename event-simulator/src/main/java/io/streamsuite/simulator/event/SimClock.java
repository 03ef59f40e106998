package io.streamsuite.simulator.event;

import java.util.SplittableRandom;

/** Simulated event time: starts at the configured instant and advances by exponential gaps of the configured mean. */
public final class SimClock {

    private final double meanGapMicros;
    private long micros;

    public SimClock(long startMs, double eventsPerSecond) {
        this.micros = startMs * 1000;
        this.meanGapMicros = 1_000_000.0 / eventsPerSecond;
    }

    /** Moves the clock on by one random gap and returns the new time in milliseconds. */
    public long tick(SplittableRandom random) {
        micros += (long) Math.ceil(-Math.log(1.0 - random.nextDouble()) * meanGapMicros);
        return nowMs();
    }

    public long nowMs() {
        return micros / 1000;
    }

    /** Jumps forward (never back) to the given time. */
    public void advanceTo(long ms) {
        micros = Math.max(micros, ms * 1000);
    }
}
