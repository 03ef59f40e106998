package io.streamsuite.kit.window;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The side output Kafka Streams' windowed aggregations lack: they drop a record later than the
 * grace with a task-level metric only. Put {@link #split} right before the aggregation, in the same
 * sub-topology: a record whose tumbling window ends at or before stream time minus grace is late
 * (the aggregation's own rule), is counted in {@code late-records-total} tagged with its label
 * (e.g. the page) and leaves on the {@code late} branch; everything else goes on to the aggregation.
 *
 * <p>The task's stream time is never behind the aggregation's own observed stream time (the
 * aggregation sees a subset of the task's records), so no record the aggregation would drop is
 * let through: nothing is lost silently, also not after a restart.
 */
public final class LateRecords {

    public static final String METRIC = "late-records";

    private LateRecords() {
    }

    /** The two branches of a split. */
    public record Split<K, V>(KStream<K, V> onTime, KStream<K, Late<V>> late) {
    }

    /**
     * @param size        tumbling window size of the aggregation that follows
     * @param grace       its grace
     * @param control     records that only move time (ticks): never late output, never counted; late ones dropped
     * @param metricGroup the metric's scope, e.g. the service name
     * @param label       the metric tag of a late record, e.g. its page
     */
    public static <K, V> Split<K, V> split(KStream<K, V> stream, Duration size, Duration grace, Predicate<V> control,
                                           String metricGroup, Function<K, String> label, String name) {
        long sizeMs = size.toMillis();
        long graceMs = grace.toMillis();
        if (sizeMs <= 0 || graceMs < 0) {
            throw new IllegalArgumentException("window size must be positive and grace not negative");
        }
        String onTimeBranch = name + "-on-time";
        String lateBranch = name + "-late";
        // The gate forwards each record to its branch by name: no filter per branch and record.
        KStream<K, Gated<V>> gated = stream.processValues(
                () -> new Gate<K, V>(sizeMs, graceMs, control, metricGroup, label, onTimeBranch, lateBranch), Named.as(name));
        KStream<K, V> onTime = gated.mapValues(Gated::value, Named.as(onTimeBranch));
        KStream<K, Late<V>> late = gated.mapValues(Gated::late, Named.as(lateBranch));
        return new Split<>(onTime, late);
    }

    /** The window start of {@code timestamp} in tumbling windows of {@code sizeMs}. */
    public static long windowStart(long timestamp, long sizeMs) {
        return timestamp - Math.floorMod(timestamp, sizeMs);
    }

    record Gated<V>(V value, Late<V> late) {
    }

    private static final class Gate<K, V> implements FixedKeyProcessor<K, V, Gated<V>> {

        private final long sizeMs;
        private final long graceMs;
        private final Predicate<V> control;
        private final String metricGroup;
        private final Function<K, String> label;
        private final String onTimeBranch;
        private final String lateBranch;
        private final Map<String, Sensor> sensors = new HashMap<>();
        private FixedKeyProcessorContext<K, Gated<V>> context;

        Gate(long sizeMs, long graceMs, Predicate<V> control, String metricGroup, Function<K, String> label,
             String onTimeBranch, String lateBranch) {
            this.sizeMs = sizeMs;
            this.graceMs = graceMs;
            this.control = control;
            this.metricGroup = metricGroup;
            this.label = label;
            this.onTimeBranch = onTimeBranch;
            this.lateBranch = lateBranch;
        }

        @Override
        public void init(FixedKeyProcessorContext<K, Gated<V>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<K, V> record) {
            long timestamp = record.timestamp();
            long streamTime = Math.max(context.currentStreamTimeMs(), timestamp);
            long start = windowStart(timestamp, sizeMs);
            long end = start + sizeMs;
            if (end > streamTime - graceMs) {
                context.forward(record.withValue(new Gated<>(record.value(), null)), onTimeBranch);
                return;
            }
            if (control.test(record.value())) {
                return;
            }
            sensor(label.apply(record.key())).record();
            context.forward(record.withValue(new Gated<>(null, new Late<>(record.value(), start, end, streamTime))), lateBranch);
        }

        private Sensor sensor(String tag) {
            return sensors.computeIfAbsent(tag, t -> context.metrics()
                    .addRateTotalSensor(metricGroup, t, METRIC, Sensor.RecordingLevel.INFO));
        }

        @Override
        public void close() {
            sensors.values().forEach(sensor -> context.metrics().removeSensor(sensor));
        }
    }
}
