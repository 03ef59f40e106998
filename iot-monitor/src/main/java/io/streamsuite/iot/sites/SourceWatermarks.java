package io.streamsuite.iot.sites;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The site windows' clock: every source partition's latest {@link Watermark}, and the event time up to which
 * windows are closed. That is the slowest active source's watermark minus the grace (Flink's rule: the
 * minimum over inputs), or, when every source is idle, the fastest one's; it never goes back, so a window is
 * closed once. No Kafka types.
 *
 * <p>Sources are known by their watermarks (kept in a store, so a restart knows them all): a source
 * partition that has never reported cannot hold windows open. Every device task reports within one watermark
 * interval of starting, before its first reading if it has none.
 */
public final class SourceWatermarks {

    private final long graceMs;
    private final Map<Integer, Watermark> bySource = new TreeMap<>();
    private long closedUpTo;

    /** @param closedUpTo windows ending at or before it are closed ({@link Watermark#NONE}: none yet) */
    public SourceWatermarks(long graceMs, Collection<Watermark> known, long closedUpTo) {
        this.graceMs = graceMs;
        known.forEach(watermark -> bySource.put(watermark.source(), watermark));
        this.closedUpTo = closedUpTo;
    }

    /**
     * Takes a source's report: its time never goes back (a report from before a restart may be replayed),
     * its idleness is the latest said. Returns the watermark as kept, or null when nothing changed.
     */
    public Watermark update(Watermark reported) {
        Watermark known = bySource.get(reported.source());
        Watermark kept = known == null ? reported
                : new Watermark(reported.source(), Math.max(known.time(), reported.time()), reported.idle());
        if (kept.equals(known)) {
            return null;
        }
        bySource.put(kept.source(), kept);
        return kept;
    }

    /** Moves the closing time on as far as the sources allow, and returns it. */
    public long advance() {
        long slowestActive = Long.MAX_VALUE;
        long fastest = Watermark.NONE;
        for (Watermark watermark : bySource.values()) {
            if (!watermark.idle()) {
                slowestActive = Math.min(slowestActive, watermark.time());
            }
            fastest = Math.max(fastest, watermark.time());
        }
        long progress = slowestActive != Long.MAX_VALUE ? slowestActive : fastest;
        if (progress != Watermark.NONE) {
            closedUpTo = Math.max(closedUpTo, progress - graceMs);
        }
        return closedUpTo;
    }

    /** Windows ending at or before this are closed. */
    public long closedUpTo() {
        return closedUpTo;
    }

    public Collection<Watermark> sources() {
        return bySource.values();
    }
}
