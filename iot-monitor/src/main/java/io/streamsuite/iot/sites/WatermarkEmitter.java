package io.streamsuite.iot.sites;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * In the device task, after its late gate: forwards every reading unchanged and, every {@code interval} of
 * wall-clock and of stream time, this partition's {@link Watermark} (its stream time) when it changed, or at
 * least every {@link #HEARTBEATS} intervals. The site repartition copies watermarks to every partition
 * ({@code StreamTimeTicks.partitioner}), so each site-window task learns every source partition's progress,
 * in order with that partition's readings.
 *
 * <p>Idle: no reading for {@code idleAfter} of wall-clock time while the task runs. A task that is down or
 * restoring sends nothing, so it is never called idle: the windows wait for it, which is the point.
 */
public final class WatermarkEmitter implements Processor<String, SiteReading, String, SiteEvent> {

    /** Intervals after which an unchanged watermark is sent again (a lost one costs at most this delay). */
    static final int HEARTBEATS = 20;
    public static final String KEY = "#watermark";

    private final Duration interval;
    private final long idleAfterMs;
    private ProcessorContext<String, SiteEvent> context;
    private int source;
    private long lastReadingMs;
    private Watermark lastSent;
    private int unchanged;

    public WatermarkEmitter(Duration interval, Duration idleAfter) {
        this.interval = interval;
        this.idleAfterMs = idleAfter.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SiteEvent> context) {
        this.context = context;
        this.source = context.taskId().partition();
        this.lastReadingMs = context.currentSystemTimeMs();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> send(idleAfterMs > 0 && now - lastReadingMs >= idleAfterMs));
        context.schedule(interval, PunctuationType.STREAM_TIME, at -> send(false));
    }

    @Override
    public void process(Record<String, SiteReading> record) {
        lastReadingMs = context.currentSystemTimeMs();
        context.forward(record.<SiteEvent>withValue(record.value()));
    }

    private void send(boolean idle) {
        long streamTime = context.currentStreamTimeMs();
        Watermark watermark = new Watermark(source, streamTime < 0 ? Watermark.NONE : streamTime, idle);
        if (watermark.equals(lastSent) && ++unchanged < HEARTBEATS) {
            return;
        }
        unchanged = 0;
        lastSent = watermark;
        // Before the first reading there is no event time to stamp it with.
        context.forward(new Record<>(KEY, watermark, streamTime < 0 ? context.currentSystemTimeMs() : streamTime));
    }
}
