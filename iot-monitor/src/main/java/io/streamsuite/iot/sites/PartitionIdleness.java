package io.streamsuite.iot.sites;

/**
 * Whether a device task's partition is idle, so it stops holding the site windows open: no reading for
 * {@code idleAfter} of wall-clock time while the task runs. A restarted task (it has a stream time) that has
 * not had a reading yet may just not have been fed its backlog, so it waits longer before it says so: ten idle
 * periods. Never saying so would let a partition that went quiet around a restart stop every site window.
 */
final class PartitionIdleness {

    /** Idle periods a restarted task without a reading waits before it calls its partition idle. */
    static final int PERIODS_AFTER_RESTART = 10;

    private final long idleAfterMs;
    private long startedMs;
    private long lastReadingMs;
    private boolean readSinceStart;

    /** @param idleAfterMs zero: a partition is never idle */
    PartitionIdleness(long idleAfterMs) {
        this.idleAfterMs = idleAfterMs;
    }

    void started(long nowMs) {
        startedMs = nowMs;
        lastReadingMs = nowMs;
        readSinceStart = false;
    }

    void reading(long nowMs) {
        lastReadingMs = nowMs;
        readSinceStart = true;
    }

    /** @param streamTimeMs the task's stream time, negative before its partition's first reading ever */
    boolean idle(long nowMs, long streamTimeMs) {
        if (idleAfterMs <= 0 || nowMs - lastReadingMs < idleAfterMs) {
            return false;
        }
        boolean fedSinceStart = readSinceStart || streamTimeMs < 0;
        return fedSinceStart || nowMs - startedMs >= PERIODS_AFTER_RESTART * idleAfterMs;
    }
}
