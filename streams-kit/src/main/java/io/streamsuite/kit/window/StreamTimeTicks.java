package io.streamsuite.kit.window;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Windows that close on thin traffic. After a repartition each partition's task has its own stream
 * time, moved only by the records that land on it: a partition with few keys holds its windows open
 * for as long as it sees nothing. Upstream of the repartition, {@link #emitter} sends, every
 * {@code interval} of wall-clock time in which the upstream task's stream time moved, a tick
 * stamped with that stream time; {@link #partitioner} copies ticks to every partition. So each
 * downstream task's stream time follows the busiest upstream partition, and its windows close
 * within one interval of the traffic elsewhere. Ticks are event time, never wall-clock time: when
 * all traffic stops, windows wait for the next record, as they would without ticks.
 *
 * <p>Limit: ticks carry the fastest upstream partition's time. While a backlog drains unevenly (a new
 * application id reading history, a long outage), a partition ahead by more than the grace closes
 * windows the others still feed, and their records go to the late side output instead. Live traffic
 * is unaffected; a tick that carried the minimum over all upstream partitions would remove the limit.
 *
 * <p>The last tick is sent {@link #REPEATS} more times: Kafka Streams checks for closed windows at
 * most once per {@code emit.interval.ms.kstreams.windowed.aggregation} (1 s) of wall-clock time, so a
 * lone tick landing inside that interval would close nothing, and no later record would come to retry.
 */
public final class StreamTimeTicks {

    /** How often the last tick is repeated once stream time stops moving. */
    public static final int REPEATS = 2;

    private StreamTimeTicks() {
    }

    /** Forwards every record unchanged; ticks are {@code (tickKey, tickValue)} at the task's stream time. */
    public static <K, V> ProcessorSupplier<K, V, K, V> emitter(Duration interval, K tickKey, V tickValue) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + interval);
        }
        return () -> new Emitter<K, V, K, V>(interval, tickKey, tickValue, null);
    }

    /**
     * As {@link #emitter(Duration, Object, Object)}, re-keying each record on the way ({@code rekey}, e.g. to the key
     * of the repartition that follows): one processor instead of a map and the emitter.
     */
    public static <K, V, KOut, VOut> ProcessorSupplier<K, V, KOut, VOut> emitter(
            Duration interval, KOut tickKey, VOut tickValue, KeyValueMapper<? super K, ? super V, KeyValue<KOut, VOut>> rekey) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + interval);
        }
        return () -> new Emitter<>(interval, tickKey, tickValue, rekey);
    }

    /**
     * Ticks to every partition; other records by the murmur2 hash of their serialized key, exactly as
     * the producer's default partitioner and {@code KafkaStreams.queryMetadataForKey} place them.
     */
    public static <K, V> StreamPartitioner<K, V> partitioner(Serializer<K> keys, Predicate<V> isTick) {
        return (topic, key, value, partitions) -> {
            if (value != null && isTick.test(value)) {
                Set<Integer> all = new HashSet<>();
                for (int p = 0; p < partitions; p++) {
                    all.add(p);
                }
                return Optional.of(all);
            }
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(keys.serialize(topic, key))) % partitions));
        };
    }

    private static final class Emitter<K, V, KOut, VOut> implements Processor<K, V, KOut, VOut> {

        private final Duration interval;
        private final KOut tickKey;
        private final VOut tickValue;
        /** Null: records pass unchanged (then K is KOut and V is VOut). */
        private final KeyValueMapper<? super K, ? super V, KeyValue<KOut, VOut>> rekey;
        private long lastTick = Long.MIN_VALUE;
        private int repeated;
        private ProcessorContext<KOut, VOut> context;

        Emitter(Duration interval, KOut tickKey, VOut tickValue, KeyValueMapper<? super K, ? super V, KeyValue<KOut, VOut>> rekey) {
            this.interval = interval;
            this.tickKey = tickKey;
            this.tickValue = tickValue;
            this.rekey = rekey;
        }

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            this.context = context;
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> {
                long streamTime = context.currentStreamTimeMs();
                if (streamTime < 0) {
                    return;
                }
                if (streamTime > lastTick) {
                    lastTick = streamTime;
                    repeated = 0;
                } else if (repeated < REPEATS) {
                    repeated++;
                } else {
                    return;
                }
                context.forward(new Record<>(tickKey, tickValue, streamTime));
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        public void process(Record<K, V> record) {
            if (rekey == null) {
                context.forward((Record<KOut, VOut>) (Record<?, ?>) record);
                return;
            }
            KeyValue<KOut, VOut> out = rekey.apply(record.key(), record.value());
            context.forward(record.withKey(out.key).withValue(out.value));
        }
    }
}
