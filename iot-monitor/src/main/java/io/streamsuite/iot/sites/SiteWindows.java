package io.streamsuite.iot.sites;

import io.streamsuite.kit.window.LateRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The site windows: 1-minute tumbling aggregates per site/sensorType, each emitted once, when every source
 * partition of the readings has passed its end plus the grace ({@link SourceWatermarks}), not when this task's
 * own stream time has. This task's stream time is the newest reading of any partition, so a partition that
 * restarts or drains a backlog later than the others would find its windows closed: the DSL's
 * {@code windowedBy(...).emitStrategy(onWindowClose)} dropped those readings with a log line. Here they count.
 *
 * <p>Lateness is decided upstream, per partition and in its order ({@link LateRecords} in the device task).
 * A reading that still finds its window closed here (only possible without exactly-once, where a replayed
 * reading can follow a watermark that was sent after it), or one older than half the store's retention
 * behind the newest window (a source stuck that long; its windows are closed with what they have, so the
 * store never expires an open window), goes out as late, counted in {@code late-records-total}.
 *
 * <p>Which windows are closed is kept with the watermarks in a logged store, so a restart neither repeats
 * nor skips one; the open ones are read back from the window store.
 */
public final class SiteWindows implements Processor<String, SiteEvent, String, SiteWindowOutput> {

    /** The watermark store's key for how far windows are closed (sources are partitions, never negative). */
    static final int CLOSED = -1;
    private static final Comparator<Open> ORDER = Comparator.comparingLong(Open::start).thenComparing(Open::key);

    private final long sizeMs;
    private final long graceMs;
    private final long keepOpenMs;
    private final String windowsStore;
    private final String watermarksStore;
    private final String metricGroup;
    private final TreeSet<Open> open = new TreeSet<>(ORDER);

    private ProcessorContext<String, SiteWindowOutput> context;
    private TimestampedWindowStore<String, SiteAggregate> windows;
    private KeyValueStore<Integer, Watermark> watermarks;
    private SourceWatermarks sources;
    private long newestStart = Watermark.NONE;
    private Sensor late;

    private record Open(long start, String key) {
    }

    /** @param retentionMs the window store's retention: a window is kept open at most half of it behind the newest */
    public SiteWindows(long sizeMs, long graceMs, long retentionMs, String windowsStore, String watermarksStore,
                       String metricGroup) {
        this.sizeMs = sizeMs;
        this.graceMs = graceMs;
        this.keepOpenMs = retentionMs / 2;
        this.windowsStore = windowsStore;
        this.watermarksStore = watermarksStore;
        this.metricGroup = metricGroup;
    }

    @Override
    public void init(ProcessorContext<String, SiteWindowOutput> context) {
        this.context = context;
        windows = context.getStateStore(windowsStore);
        watermarks = context.getStateStore(watermarksStore);
        late = context.metrics().addRateTotalSensor(metricGroup, "site-windows", LateRecords.METRIC, Sensor.RecordingLevel.INFO);
        open.clear();
        newestStart = Watermark.NONE;
        List<Watermark> known = new ArrayList<>();
        Watermark closed = null;
        try (KeyValueIterator<Integer, Watermark> all = watermarks.all()) {
            while (all.hasNext()) {
                KeyValue<Integer, Watermark> entry = all.next();
                if (entry.key == CLOSED) {
                    closed = entry.value;
                } else {
                    known.add(entry.value);
                }
            }
        }
        List<Open> stored = new ArrayList<>();
        long newestTimestamp = Watermark.NONE;
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SiteAggregate>> all = windows.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<SiteAggregate>> window = all.next();
                long start = window.key.window().start();
                stored.add(new Open(start, window.key.key()));
                newestStart = Math.max(newestStart, start);
                newestTimestamp = Math.max(newestTimestamp, window.value.timestamp());
            }
        }
        // Windows written by the DSL aggregation this replaced were closed by its rule: stream time minus grace.
        long closedUpTo = closed != null ? closed.time()
                : newestTimestamp == Watermark.NONE ? Watermark.NONE : newestTimestamp - graceMs;
        sources = new SourceWatermarks(graceMs, known, closedUpTo);
        for (Open window : stored) {
            if (window.start() + sizeMs > closedUpTo && window.start() >= keptFrom()) {
                open.add(window);
            }
        }
    }

    @Override
    public void process(Record<String, SiteEvent> record) {
        if (record.value() instanceof Watermark reported) {
            Watermark kept = sources.update(reported);
            if (kept != null) {
                watermarks.put(kept.source(), kept);
            }
            closeWindows();
            return;
        }
        String key = record.key();
        long timestamp = record.timestamp();
        long start = LateRecords.windowStart(timestamp, sizeMs);
        long closedUpTo = sources.closedUpTo();
        if (start + sizeMs <= closedUpTo || start < keptFrom()) {
            long closedAt = start + sizeMs <= closedUpTo ? closedUpTo + graceMs : newestStart;
            lateOut(record, start, closedAt);
            return;
        }
        ValueAndTimestamp<SiteAggregate> current = windows.fetch(key, start);
        SiteAggregate before = current == null ? SiteAggregate.empty() : current.value();
        SiteAggregate next = record.value() instanceof SitePartial partial ? before.merge(partial.aggregate())
                : before.add((SiteReading) record.value());
        windows.put(key, ValueAndTimestamp.make(next, current == null ? timestamp : Math.max(timestamp, current.timestamp())),
                start);
        open.add(new Open(start, key));
        if (start > newestStart) {
            newestStart = start;
            closeWindows();
        }
    }

    /** A part later than its window goes out as one late record per reading it holds (its summary alone has no values). */
    private void lateOut(Record<String, SiteEvent> record, long start, long closedAt) {
        String key = record.key();
        if (record.value() instanceof SiteReading reading) {
            late.record();
            context.forward(record.withValue(new SiteWindowOutput(null,
                    LateSiteReadings.of(key, reading.value(), record.timestamp(), start, start + sizeMs, closedAt))));
            return;
        }
        SiteAggregate part = ((SitePartial) record.value()).aggregate();
        late.record(part.readings().count());
        context.forward(record.withValue(new SiteWindowOutput(null, LateSiteReadings.ofPart(key, part,
                record.timestamp(), start, start + sizeMs, closedAt))));
    }

    /** Windows starting before this are closed however far the sources are: the store keeps them no longer. */
    private long keptFrom() {
        return newestStart == Watermark.NONE ? Watermark.NONE : newestStart - keepOpenMs;
    }

    /** Emits, oldest first, every open window the sources have all passed, or that is too far behind to stay open. */
    private void closeWindows() {
        long before = sources.closedUpTo();
        long closedUpTo = sources.advance();
        if (closedUpTo != before) {
            watermarks.put(CLOSED, new Watermark(CLOSED, closedUpTo, false));
        }
        long keptFrom = keptFrom();
        while (!open.isEmpty()) {
            Open first = open.first();
            if (first.start() + sizeMs > closedUpTo && first.start() >= keptFrom) {
                return;
            }
            open.pollFirst();
            ValueAndTimestamp<SiteAggregate> window = windows.fetch(first.key(), first.start());
            if (window != null) {
                context.forward(new Record<>(first.key(), new SiteWindowOutput(
                        window.value().toStats(first.key(), Instant.ofEpochMilli(first.start()),
                                Instant.ofEpochMilli(first.start() + sizeMs)), null), window.timestamp()));
            }
        }
    }
}
