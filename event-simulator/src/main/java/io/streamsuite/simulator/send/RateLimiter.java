package io.streamsuite.simulator.send;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces sends to a target rate: the n-th permit is due at start + n / rate. A caller that fell behind (a GC pause,
 * a slow broker) may catch up with a burst of at most one second's worth, so the long-run rate holds without
 * flooding the broker. A rate of 0 or less means no limit.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextDue;

    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond > 0 ? Math.max(1, Math.round(1_000_000_000.0 / perSecond)) : 0;
        this.nextDue = System.nanoTime();
    }

    /** Blocks until the next send is due. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long catchUpFloor = now - 1_000_000_000L;
        if (nextDue < catchUpFloor) {
            nextDue = catchUpFloor;
        }
        while (nextDue - now > 0) {
            LockSupport.parkNanos(nextDue - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            now = System.nanoTime();
        }
        nextDue += intervalNanos;
    }
}
