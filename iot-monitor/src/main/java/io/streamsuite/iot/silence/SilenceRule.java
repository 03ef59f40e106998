package io.streamsuite.iot.silence;

/**
 * A device is silent when this service has not heard from it for {@code factor} times its expected
 * interval, by the wall clock: device clocks and replays do not decide it. The clock only starts
 * when this instance took the device over ({@code watchingSince}), so an instance that just started
 * (or restarted after a crash) does not call every device silent before it has read their backlog.
 *
 * <p>A stream thread that stalled (a long GC, a starved machine, a slow rebalance) has not been
 * listening, and its first punctuation after the stall may come before it read the device's reading
 * from the backlog. So the wall clock alone is not enough: the partition's own traffic must also
 * have moved on past the device (the reading it processed last {@code factor} intervals beyond the
 * device's last reading), or the whole partition must have been quiet that long (an outage of every
 * device). Stream time would not do for the first: it is the newest event time ever seen, so one
 * reading stamped ahead of a backlog puts every device of the backlog behind it at once.
 */
public final class SilenceRule {

    private final double factor;

    public SilenceRule(double factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("the silence factor must be at least 1, not " + factor);
        }
        this.factor = factor;
    }

    /** When a device heard at {@code lastHeardMs} falls silent by the wall clock; negative when it has no expected interval. */
    public long dueAt(long lastHeardMs, long expectedIntervalMs, long watchingSince) {
        if (expectedIntervalMs <= 0) {
            return -1;
        }
        return Math.max(lastHeardMs, watchingSince) + span(expectedIntervalMs);
    }

    /**
     * @param lastEventTime   event time of the device's newest reading
     * @param partitionEventTime event time of the reading the partition processed last
     * @param lastProcessedMs    wall-clock time the partition last processed any reading
     */
    public boolean silent(long lastHeardMs, long lastEventTime, long expectedIntervalMs, long watchingSince, long now,
                          long partitionEventTime, long lastProcessedMs) {
        long due = dueAt(lastHeardMs, expectedIntervalMs, watchingSince);
        if (due < 0 || now < due) {
            return false;
        }
        long span = span(expectedIntervalMs);
        boolean othersMovedOn = partitionEventTime - lastEventTime >= span;
        boolean partitionQuiet = now - Math.max(lastProcessedMs, watchingSince) >= span;
        return othersMovedOn || partitionQuiet;
    }

    /**
     * When to look again at a device due by the wall clock that {@link #silent} did not yet call
     * silent: when the partition's traffic may have moved on far enough (its event time is taken to
     * advance with the wall clock) or the partition has been quiet long enough, whichever comes first;
     * no sooner than {@code minWaitMs} (the punctuator's interval) and no later than one interval.
     */
    public long recheckAt(long lastEventTime, long expectedIntervalMs, long watchingSince, long now,
                          long partitionEventTime, long lastProcessedMs, long minWaitMs) {
        long span = span(expectedIntervalMs);
        long trafficShort = lastEventTime + span - partitionEventTime;
        long quietShort = Math.max(lastProcessedMs, watchingSince) + span - now;
        long wait = Math.min(Math.min(trafficShort, quietShort), expectedIntervalMs);
        return now + Math.max(wait, minWaitMs);
    }

    private long span(long expectedIntervalMs) {
        return (long) Math.ceil(factor * expectedIntervalMs);
    }

    public double factor() {
        return factor;
    }
}
