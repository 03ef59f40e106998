package io.streamsuite.kit.example;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The kit's test service: one of each store kind, and a record kind that throws, so the kit's
 * concerns (dead letters, queries, health) are tested on a real topology without a real domain.
 */
public class ExampleStreamsService implements StreamsService {

    public static final String INPUT = "example.events";
    public static final String OUTPUT = "example.processed";
    public static final String COUNTS = "example.counts";
    public static final String WINDOWED_COUNTS = "example.windowed-counts";
    public static final String SESSIONS = "example.sessions";
    public static final String POISON_KIND = "boom";
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final Duration SESSION_GAP = Duration.ofMinutes(5);

    @Override
    public Topology topology(AvroSerdes serdes) {
        Serde<ExampleEvent> events = serdes.valueSerde(ExampleEvent.class);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ExampleEvent> processed = builder
                .stream(INPUT, Consumed.with(Serdes.String(), events).withName("example-source"))
                .mapValues(ExampleStreamsService::process, Named.as("example-process"));
        processed.to(OUTPUT, Produced.with(Serdes.String(), events).withName("example-sink"));

        KGroupedStream<String, ExampleEvent> byKey = processed.groupByKey(Grouped.with(Serdes.String(), events));
        byKey.count(Named.as("example-count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        byKey.windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
                .count(Named.as("example-windowed-count"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(WINDOWED_COUNTS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        byKey.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(SESSION_GAP))
                .count(Named.as("example-session-count"), Materialized.<String, Long, SessionStore<Bytes, byte[]>>as(SESSIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(INPUT).withPartitions(4), TopicSpec.output(OUTPUT).withPartitions(4));
    }

    static ExampleEvent process(ExampleEvent event) {
        if (POISON_KIND.equals(event.getKind())) {
            throw new IllegalStateException("example event " + event.getId() + " is poison on purpose");
        }
        return ExampleEvent.newBuilder(event).setKind(event.getKind().toUpperCase(Locale.ROOT)).build();
    }
}
