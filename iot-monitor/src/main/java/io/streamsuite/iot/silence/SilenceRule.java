package io.streamsuite.iot.silence;

/**
 * A device is silent when this service has not heard from it for {@code factor} times its expected
 * interval, by the wall clock: device clocks and replays do not decide it. The clock only starts
 * when this instance took the device over ({@code watchingSince}), so an instance that just started
 * (or restarted after a crash) does not call every device silent before it has read their backlog.
 */
public final class SilenceRule {

    private final double factor;

    public SilenceRule(double factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("the silence factor must be at least 1, not " + factor);
        }
        this.factor = factor;
    }

    /** When a device heard at {@code lastHeardMs} falls silent; negative when it has no expected interval. */
    public long dueAt(long lastHeardMs, long expectedIntervalMs, long watchingSince) {
        if (expectedIntervalMs <= 0) {
            return -1;
        }
        return Math.max(lastHeardMs, watchingSince) + (long) Math.ceil(factor * expectedIntervalMs);
    }

    public boolean silent(long lastHeardMs, long expectedIntervalMs, long watchingSince, long now) {
        long due = dueAt(lastHeardMs, expectedIntervalMs, watchingSince);
        return due >= 0 && now >= due;
    }

    public double factor() {
        return factor;
    }
}
