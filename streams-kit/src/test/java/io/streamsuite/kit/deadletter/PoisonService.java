package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A service with its own topics (so counts are exact whatever other tests put on the example's
 * topics) and one poison of each kind: {@code boom} throws in the processor like the example app's
 * poison, {@code unserializable} fails on the way out, and kinds in {@link #rejectedKinds} throw until
 * a test lifts them, which makes a dead letter that a replay can then get through.
 */
final class PoisonService implements StreamsService {

    static final String SOURCE_NODE = "poison-source";
    static final String PROCESS_NODE = "poison-process";
    static final String SINK_NODE = "poison-sink";
    static final String BOOM = "boom";
    static final String UNSERIALIZABLE = "unserializable";
    /** Its output is padded past any small max.message.bytes, so the broker refuses it. */
    static final String HUGE = "huge";
    static final int HUGE_OUTPUT_CHARS = 8_000;

    final String input;
    final String output;
    final Set<String> rejectedKinds = ConcurrentHashMap.newKeySet();

    PoisonService(String topicPrefix) {
        this.input = topicPrefix + ".in";
        this.output = topicPrefix + ".out";
    }

    @Override
    public Topology topology(AvroSerdes serdes) {
        Serde<ExampleEvent> events = serdes.valueSerde(ExampleEvent.class);
        Serde<ExampleEvent> refusing = Serdes.serdeFrom(new Refusing(events.serializer()), events.deserializer());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), events).withName(SOURCE_NODE))
                .mapValues(this::process, Named.as(PROCESS_NODE))
                .to(output, Produced.with(Serdes.String(), refusing).withName(SINK_NODE));
        return builder.build();
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(input), TopicSpec.output(output));
    }

    private ExampleEvent process(ExampleEvent event) {
        if (BOOM.equals(event.getKind())) {
            throw new IllegalStateException("event " + event.getId() + " is poison on purpose");
        }
        if (rejectedKinds.contains(event.getKind())) {
            throw new IllegalArgumentException("kind " + event.getKind() + " is not accepted yet");
        }
        if (HUGE.equals(event.getKind())) {
            return ExampleEvent.newBuilder(event).setId(event.getId() + "x".repeat(HUGE_OUTPUT_CHARS)).build();
        }
        return ExampleEvent.newBuilder(event).setKind(event.getKind().toUpperCase(Locale.ROOT)).build();
    }

    private record Refusing(Serializer<ExampleEvent> delegate) implements Serializer<ExampleEvent> {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public byte[] serialize(String topic, ExampleEvent event) {
            return serialize(topic, null, event);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, ExampleEvent event) {
            if (event != null && UNSERIALIZABLE.equalsIgnoreCase(event.getKind())) {
                throw new SerializationException("event " + event.getId() + " cannot be written on purpose");
            }
            return delegate.serialize(topic, headers, event);
        }
    }
}
