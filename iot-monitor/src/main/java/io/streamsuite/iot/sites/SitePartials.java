package io.streamsuite.iot.sites;

import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.stats.StatsSerde;
import io.streamsuite.kit.window.LateRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In the device task, after its late gate: sums the task's readings per site window in memory and, every
 * {@code interval} of wall-clock time, sends the parts on (oldest first), then this partition's {@link Watermark}
 * (its stream time) when it changed, or every {@link #HEARTBEATS} intervals; every {@code interval} of stream time,
 * the same with only the parts of windows that have ended (a drain moves stream time far faster than the wall
 * clock, and the open window's parts would go on with every few dozen readings). So the site
 * repartition carries a few dozen parts per interval instead of every reading, and a watermark never overtakes
 * the readings it covers. The site repartition copies watermarks to every partition
 * ({@code StreamTimeTicks.partitioner}).
 *
 * <p>Parts changed since the last commit are written to a logged store in each commit ({@link CommitHook}), in
 * the transaction of the readings' offsets, and deleted when sent: after a crash a reading is in a part that was
 * sent, in one still in the store (read back in {@code init}), or read again from the input.
 *
 * <p>Idle ({@link PartitionIdleness}): no reading for {@code idleAfter} of wall-clock time while the task runs, after
 * one since it started or ten idle periods after a restart. A task that is down, restoring or not yet fed after a
 * restart is not called idle: the windows wait for it, which is the point.
 */
public final class SitePartials implements Processor<String, SiteReading, String, SiteEvent> {

    /** Intervals after which an unchanged watermark is sent again (a lost one costs at most this delay). */
    static final int HEARTBEATS = 20;
    /** Window start, then site key; written out (not a chain of key extractors): it runs at every send. */
    private static final Comparator<Part> OLDEST_FIRST = (one, other) -> {
        int byStart = Long.compare(one.start, other.start);
        return byStart != 0 ? byStart : one.siteKey.compareTo(other.siteKey);
    };

    /** A part as stored: the event time of its newest reading and the sums. */
    public record Stored(long latest, SiteAggregate aggregate) {
        public static final Serde<Stored> SERDE = StatsSerde.of("site part", s -> Long.BYTES + SiteAggregate.BYTES,
                (s, out) -> {
                    out.putLong(s.latest);
                    s.aggregate.writeTo(out);
                },
                in -> new Stored(in.getLong(), SiteAggregate.readFrom(in)));
    }

    private static final class Part {
        final String siteKey;
        final long start;
        SiteAggregate aggregate = SiteAggregate.empty();
        long latest = Long.MIN_VALUE;
        boolean changed;
        boolean stored;

        Part(String siteKey, long start) {
            this.siteKey = siteKey;
            this.start = start;
        }
    }

    private final Duration interval;
    private final long windowMs;
    private final String storeName;
    private final String hookName;
    /** Keyed {@code windowStart@siteKey}, as in the store. */
    private final Map<String, Part> parts = new HashMap<>();
    private ProcessorContext<String, SiteEvent> context;
    private KeyValueStore<String, Stored> store;
    private int source;
    private final PartitionIdleness idleness;
    private Watermark lastSent;
    private int unchanged;

    public SitePartials(Duration interval, Duration idleAfter, Duration window, String storeName, String hookName) {
        this.interval = interval;
        this.idleness = new PartitionIdleness(idleAfter.toMillis());
        this.windowMs = window.toMillis();
        this.storeName = storeName;
        this.hookName = hookName;
    }

    @Override
    public void init(ProcessorContext<String, SiteEvent> context) {
        this.context = context;
        this.source = context.taskId().partition();
        idleness.started(context.currentSystemTimeMs());
        this.store = context.getStateStore(storeName);
        parts.clear();
        lastSent = null;
        try (KeyValueIterator<String, Stored> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Stored> entry = all.next();
                int at = entry.key.indexOf('@');
                Part part = new Part(entry.key.substring(at + 1), Long.parseLong(entry.key.substring(0, at)));
                part.aggregate = entry.value.aggregate();
                part.latest = entry.value.latest();
                part.stored = true;
                parts.put(entry.key, part);
            }
        }
        CommitHook.of(context, hookName).beforeCommit(this, this::writeChanged);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME,
                now -> send(idleness.idle(now, context.currentStreamTimeMs()), Long.MAX_VALUE));
        // Stream time runs ahead of the wall clock while a backlog drains: only the parts the watermark needs.
        context.schedule(interval, PunctuationType.STREAM_TIME, at -> send(false, context.currentStreamTimeMs()));
    }

    @Override
    public void process(Record<String, SiteReading> record) {
        idleness.reading(context.currentSystemTimeMs());
        long timestamp = record.timestamp();
        long start = LateRecords.windowStart(timestamp, windowMs);
        String key = start + "@" + record.key();
        Part part = parts.get(key);
        if (part == null) {
            part = new Part(record.key(), start);
            parts.put(key, part);
        }
        SiteReading reading = record.value();
        part.aggregate = part.aggregate.add(reading.value(), reading.newDevice());
        part.latest = Math.max(part.latest, timestamp);
        part.changed = true;
    }

    /**
     * The parts of windows ending by {@code endedBy}, oldest first, then the watermark: it must not reach a site task
     * before the readings it covers (those of windows that ended at least the grace before it).
     */
    private void send(boolean idle, long endedBy) {
        if (!parts.isEmpty()) {
            List<Map.Entry<String, Part>> oldestFirst = new ArrayList<>(parts.size());
            for (Map.Entry<String, Part> entry : parts.entrySet()) {
                if (entry.getValue().start <= endedBy - windowMs) {
                    oldestFirst.add(entry);
                }
            }
            oldestFirst.sort(Map.Entry.comparingByValue(OLDEST_FIRST));
            for (Map.Entry<String, Part> entry : oldestFirst) {
                Part part = entry.getValue();
                context.forward(new Record<>(part.siteKey, new SitePartial(part.aggregate), part.latest));
                if (part.stored) {
                    store.delete(entry.getKey());
                }
                parts.remove(entry.getKey());
            }
        }
        long streamTime = context.currentStreamTimeMs();
        Watermark watermark = new Watermark(source, streamTime < 0 ? Watermark.NONE : streamTime, idle);
        if (watermark.equals(lastSent) && ++unchanged < HEARTBEATS) {
            return;
        }
        unchanged = 0;
        lastSent = watermark;
        // Before the first reading there is no event time to stamp it with.
        context.forward(new Record<>(Watermark.KEY, watermark, streamTime < 0 ? context.currentSystemTimeMs() : streamTime));
    }

    /** In each commit: the parts changed since the last one, into the store. */
    private void writeChanged() {
        for (Map.Entry<String, Part> entry : parts.entrySet()) {
            Part part = entry.getValue();
            if (part.changed) {
                store.put(entry.getKey(), new Stored(part.latest, part.aggregate));
                part.changed = false;
                part.stored = true;
            }
        }
    }
}
