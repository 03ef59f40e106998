package io.streamsuite.simulator.event;

import java.time.Duration;
import java.time.Instant;

/**
 * What every generator is given. Event times come from {@code start} plus a simulated clock advancing at
 * {@code eventsPerSecond} (mean, exponential gaps), never from the wall clock, so a seed replays exactly.
 *
 * @param seed             the seed; each domain derives its own stream from it
 * @param start            simulated time of the first event
 * @param eventsPerSecond  simulated rate of this domain's stream events
 * @param fraudShare       share of transactions that belong to an injected fraud pattern (payments only)
 * @param lateShare        share of stream events made late (older than any grace)
 * @param outOfOrderShare  share of stream events made out of order (earlier than the key's previous event)
 * @param lateness         how far behind the clock a late event is, at least
 * @param population       scale of the simulated world: accounts, users, devices (items are a fifth of it)
 */
public record GeneratorSettings(long seed, Instant start, double eventsPerSecond, double fraudShare, double lateShare,
                                double outOfOrderShare, Duration lateness, int population) {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");

    public GeneratorSettings {
        requireShare("fraudShare", fraudShare);
        requireShare("lateShare", lateShare);
        requireShare("outOfOrderShare", outOfOrderShare);
        if (lateShare + outOfOrderShare > 1.0) {
            throw new IllegalArgumentException("lateShare + outOfOrderShare must not exceed 1");
        }
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be positive, was " + eventsPerSecond);
        }
        if (population < 1) {
            throw new IllegalArgumentException("population must be at least 1, was " + population);
        }
    }

    /** A clean stream (no fraud, nothing late or out of order) of 1,000 simulated events/s and 10,000 accounts/users/devices. */
    public static GeneratorSettings of(long seed) {
        return new GeneratorSettings(seed, DEFAULT_START, 1000, 0, 0, 0, Duration.ofMinutes(10), 10_000);
    }

    public GeneratorSettings withStart(Instant value) {
        return new GeneratorSettings(seed, value, eventsPerSecond, fraudShare, lateShare, outOfOrderShare, lateness, population);
    }

    public GeneratorSettings withEventsPerSecond(double value) {
        return new GeneratorSettings(seed, start, value, fraudShare, lateShare, outOfOrderShare, lateness, population);
    }

    public GeneratorSettings withFraudShare(double value) {
        return new GeneratorSettings(seed, start, eventsPerSecond, value, lateShare, outOfOrderShare, lateness, population);
    }

    public GeneratorSettings withLateShare(double value) {
        return new GeneratorSettings(seed, start, eventsPerSecond, fraudShare, value, outOfOrderShare, lateness, population);
    }

    public GeneratorSettings withOutOfOrderShare(double value) {
        return new GeneratorSettings(seed, start, eventsPerSecond, fraudShare, lateShare, value, lateness, population);
    }

    public GeneratorSettings withPopulation(int value) {
        return new GeneratorSettings(seed, start, eventsPerSecond, fraudShare, lateShare, outOfOrderShare, lateness, value);
    }

    /** The seed for one domain, so adding a domain to a run does not change another domain's events. */
    public long seedFor(String domain) {
        return seed * 0x9E3779B97F4A7C15L + domain.hashCode();
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + share);
        }
    }
}
