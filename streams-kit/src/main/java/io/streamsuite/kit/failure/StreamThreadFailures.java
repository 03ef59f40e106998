package io.streamsuite.kit.failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kit does with a stream thread that died: replace it (after a backoff that grows while failures
 * keep coming) or, for a {@link FailureFate#FATAL} failure seen {@code fatalAttempts} times in the window, stop
 * the client. Liveness holds while the thread was replaced at most {@code maxReplacements} times in the window,
 * so a fault that recurs forever gets the pod restarted instead of spinning unseen.
 */
public final class StreamThreadFailures {

    /** What to do with the dead thread. */
    public enum Decision { REPLACE, STOP }

    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final int maxReplacements;
    private final Duration window;
    private final int fatalAttempts;
    private final Clock clock;
    private final Function<Throwable, String> explainFatal;
    private final Deque<Instant> replacements = new ArrayDeque<>();
    private final Deque<Instant> fatals = new ArrayDeque<>();
    private volatile String stopReason;
    private volatile String lastFailure;
    private boolean reportedTooMany;

    public StreamThreadFailures(int maxReplacements, Duration window, int fatalAttempts, Clock clock) {
        this(maxReplacements, window, fatalAttempts, clock, Throwable::toString);
    }

    /** {@code explainFatal} turns the fatal failure into the stop line's words (see {@link RefusedPermissions}). */
    public StreamThreadFailures(int maxReplacements, Duration window, int fatalAttempts, Clock clock,
                                Function<Throwable, String> explainFatal) {
        this.explainFatal = explainFatal;
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.fatalAttempts = fatalAttempts;
        this.clock = clock;
    }

    /** Records the failure and decides; a REPLACE should wait {@link #backoff()} first. */
    public synchronized Decision onFailure(Throwable failure) {
        Instant now = clock.instant();
        lastFailure = failure.toString();
        FailureFate fate = FailureFates.of(failure);
        if (fate == FailureFate.FATAL) {
            fatals.addLast(now);
            prune(fatals, now);
            if (fatals.size() >= fatalAttempts) {
                if (stopReason != null) {
                    // Another stream thread's failure already stopped Streams and said why: one line, not one per thread.
                    return Decision.STOP;
                }
                String explanation = explain(failure);
                stopReason = "fatal failure " + fatals.size() + " time(s) within " + window + ": " + explanation;
                log.error("Stopping Kafka Streams, liveness DOWN: {}; seen {} time(s) within {}, no dead letter written;"
                        + " fix the credentials or ACLs and restart", explanation, fatals.size(), window);
                return Decision.STOP;
            }
        }
        replacements.addLast(now);
        prune(replacements, now);
        if (replacements.size() > maxReplacements && !reportedTooMany) {
            reportedTooMany = true;
            log.error("Liveness DOWN: the stream thread was replaced {} times within {} (more than {}); last failure: {}",
                    replacements.size(), window, maxReplacements, failure);
        }
        return Decision.REPLACE;
    }

    private String explain(Throwable failure) {
        try {
            return explainFatal.apply(failure);
        } catch (RuntimeException e) {
            return failure.toString();
        }
    }

    /** 1 s after the first failure, doubling with each recent one, at most 30 s: a long outage costs few rejoins. */
    public synchronized Duration backoff() {
        int recent = Math.max(1, replacements.size());
        long millis = FIRST_BACKOFF.toMillis() << Math.min(recent - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Why liveness no longer holds, or empty while it does. */
    public synchronized Optional<String> livenessFailure() {
        if (stopReason != null) {
            return Optional.of(stopReason);
        }
        prune(replacements, clock.instant());
        if (replacements.size() > maxReplacements) {
            return Optional.of("stream thread replaced " + replacements.size() + " times within " + window
                    + " (more than " + maxReplacements + "); last failure: " + lastFailure);
        }
        reportedTooMany = false;
        return Optional.empty();
    }

    public synchronized int recentReplacements() {
        prune(replacements, clock.instant());
        return replacements.size();
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }
}
