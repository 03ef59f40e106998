package io.streamsuite.kit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Kafka Streams' own metrics in Micrometer, so {@code /actuator/prometheus} shows them, including
 * the source-to-sink {@code record-e2e-latency} Streams records at INFO level.
 */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(KafkaStreamsRunner.class)
public class MetricsAutoConfiguration {

    public static final String HELD_PARTITIONS = "streams.kit.registry.held.partitions";

    /** Binds once Streams exists; the runner is looked up lazily because it depends on state listeners. */
    @Bean
    public KafkaStreams.StateListener kafkaStreamsMetricsBinder(ObjectProvider<KafkaStreamsRunner> runner,
                                                               ObjectProvider<MeterRegistry> registry) {
        AtomicBoolean bound = new AtomicBoolean();
        return (newState, oldState) -> {
            if (oldState == KafkaStreams.State.CREATED && bound.compareAndSet(false, true)) {
                KafkaStreamsRunner kit = runner.getObject();
                kit.streams().ifPresent(streams ->
                        registry.ifAvailable(meters -> new KafkaStreamsMetrics(streams).bindTo(meters)));
                registry.ifAvailable(meters -> Gauge.builder(HELD_PARTITIONS, kit.schemaHolds(), holds -> holds.held().size())
                        .description("Input partitions held at a record whose writer schema the registry cannot give yet")
                        .register(meters));
            }
        };
    }
}
