package io.streamsuite.metrics.pages;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.window.LateRecords;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageViewWindow;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The page-minute aggregation (1-minute tumbling windows of views, 5xx answers, a latency DDSketch
 * and a visitor HyperLogLog per page), final results only, with the open windows' sketches live in
 * memory. A record updates its window's sketches in place; the open windows it changed are written
 * to the window store (and so its changelog) once per commit, through a {@link CommitHook}, not once
 * per record as a DSL aggregation does (which also decodes and re-encodes both sketches each time).
 *
 * <p>Same rules as {@code windowedBy(TimeWindows.ofSizeAndGrace).emitStrategy(onWindowClose)}: a
 * window closes when stream time minus grace reaches its end, and is then written once more and
 * emitted once, with the latest event time of its records. Which windows closed is a function of
 * stream time, which Kafka Streams commits with the offsets and gives back after a restart; the
 * windows still open then are read back from the store, so a restart neither repeats nor skips one.
 * Records later than the grace never get here ({@link LateRecords} splits them off first, by the same
 * rule and the same stream time); ticks only move stream time.
 */
public final class LivePageMinutes implements Processor<String, PageHit, String, PageViewWindow> {

    private static final Comparator<WindowKey> ORDER = Comparator.comparingLong(WindowKey::start)
            .thenComparing(WindowKey::page);

    private final long size;
    private final long grace;
    private final DistinctCounts distinctCounts;
    private final Quantiles quantiles;
    private final String storeName;
    private final String hookName;
    /** Open windows, oldest first: they close in that order (as the DSL's time-ordered store emits them). */
    private final TreeMap<WindowKey, Minute> open = new TreeMap<>(ORDER);

    private ProcessorContext<String, PageViewWindow> context;
    private TimestampedWindowStore<String, PageMinute> store;

    public LivePageMinutes(long size, long grace, DistinctCounts distinctCounts, Quantiles quantiles, String storeName,
                           String hookName) {
        this.size = size;
        this.grace = grace;
        this.distinctCounts = distinctCounts;
        this.quantiles = quantiles;
        this.storeName = storeName;
        this.hookName = hookName;
    }

    record WindowKey(String page, long start) {
    }

    @Override
    public void init(ProcessorContext<String, PageViewWindow> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        open.clear();
        CommitHook.of(context, hookName).beforeCommit(this, this::writeChanged);
        reopen(context.currentStreamTimeMs());
    }

    /** After a restart or a move: the windows not closed at the committed stream time, back from the store. */
    private void reopen(long streamTime) {
        long firstOpenStart = streamTime < 0 ? 0 : Math.max(0, streamTime - grace - size + 1);
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<PageMinute>> windows =
                     store.fetchAll(firstOpenStart, Long.MAX_VALUE)) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<PageMinute>> window = windows.next();
                open.put(new WindowKey(window.key.key(), window.key.window().start()),
                        Minute.of(window.value.value(), window.value.timestamp()));
            }
        }
    }

    @Override
    public void process(Record<String, PageHit> record) {
        long timestamp = record.timestamp();
        long streamTime = Math.max(context.currentStreamTimeMs(), timestamp);
        PageHit hit = record.value();
        if (!hit.isTick()) {
            WindowKey key = new WindowKey(record.key(), LateRecords.windowStart(timestamp, size));
            Minute minute = open.get(key);
            if (minute == null) {
                minute = new Minute();
                open.put(key, minute);
            }
            minute.add(hit, timestamp, distinctCounts, quantiles);
        }
        close(streamTime - grace, record);
    }

    /** Emits (and writes for the last time) every open window that ends at or before {@code closeTime}. */
    private void close(long closeTime, Record<String, PageHit> cause) {
        while (!open.isEmpty() && open.firstKey().start() + size <= closeTime) {
            Map.Entry<WindowKey, Minute> closed = open.pollFirstEntry();
            WindowKey key = closed.getKey();
            Minute minute = closed.getValue();
            PageMinute value = minute.toPageMinute();
            if (minute.changed) {
                store.put(key.page(), ValueAndTimestamp.make(value, minute.latest), key.start());
            }
            context.forward(cause.withKey(key.page())
                    .withValue(PageWindows.of(key.page(), key.start(), key.start() + size, value))
                    .withTimestamp(minute.latest));
        }
    }

    /** Before each commit: the open windows changed since the last one, into the store. */
    private void writeChanged() {
        for (Map.Entry<WindowKey, Minute> entry : open.entrySet()) {
            Minute minute = entry.getValue();
            if (minute.changed) {
                store.put(entry.getKey().page(), ValueAndTimestamp.make(minute.toPageMinute(), minute.latest),
                        entry.getKey().start());
                minute.changed = false;
            }
        }
    }

    /** One open window, its sketches decoded. */
    private static final class Minute {
        private long views;
        private long errors;
        private DDSketch latency;
        private HllSketch visitors;
        /** The latest event time of the window's records: the timestamp of the store value and of the result. */
        private long latest = Long.MIN_VALUE;
        private boolean changed;

        static Minute of(PageMinute stored, long timestamp) {
            Minute minute = new Minute();
            minute.views = stored.getViews();
            minute.errors = stored.getErrors();
            byte[] latency = PageMinutes.bytes(stored.getLatencySketch());
            byte[] visitors = PageMinutes.bytes(stored.getVisitorSketch());
            minute.latency = latency.length == 0 ? null : Quantiles.decode(latency);
            minute.visitors = visitors.length == 0 ? null : DistinctCounts.decode(visitors);
            minute.latest = timestamp;
            return minute;
        }

        void add(PageHit hit, long timestamp, DistinctCounts distinctCounts, Quantiles quantiles) {
            views++;
            if (hit.isServerError()) {
                errors++;
            }
            if (latency == null) {
                latency = quantiles.empty();
            }
            Quantiles.addTo(latency, hit.latencyMs());
            if (hit.visitor()) {
                if (visitors == null) {
                    visitors = distinctCounts.empty();
                }
                visitors.update(hit.userId());
            }
            latest = Math.max(latest, timestamp);
            changed = true;
        }

        PageMinute toPageMinute() {
            return new PageMinute(views, errors,
                    ByteBuffer.wrap(latency == null ? new byte[0] : Quantiles.encode(latency)),
                    ByteBuffer.wrap(visitors == null ? new byte[0] : DistinctCounts.encode(visitors)));
        }
    }
}
