package io.streamsuite.kit.dashboard;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A small service with its own topics (one test class, one prefix): upper-cases words, counts
 * them per key in a store, and throws on the word {@value #POISON} so the dead-letter path runs.
 */
public class FlowTestService implements StreamsService {

    public static final String COUNTS = "flow.counts";
    public static final String POISON = "boom";

    private final String prefix;
    private final OutputVersion outputs;

    public FlowTestService(String prefix) {
        this(prefix, "");
    }

    /** {@code outputVersion} (e.g. "v2", {@code streams-kit.output-version}) names a second deployment's own output topic. */
    public FlowTestService(String prefix, String outputVersion) {
        this(prefix, OutputVersion.of(outputVersion));
    }

    public FlowTestService(String prefix, OutputVersion outputs) {
        this.prefix = prefix;
        this.outputs = outputs;
    }

    public String input() {
        return prefix + ".words";
    }

    public String output() {
        return outputs.topic(prefix + ".upper");
    }

    @Override
    public Topology topology(AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> upper = builder.stream(input(), Consumed.with(Serdes.String(), Serdes.String()).withName("words"))
                .mapValues(FlowTestService::upper, Named.as("upper-case"));
        upper.to(output(), Produced.with(Serdes.String(), Serdes.String()).withName("upper-words"));
        upper.groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .count(Named.as("count-per-key"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(input()).withPartitions(2), TopicSpec.output(output()).withPartitions(2));
    }

    static String upper(String word) {
        if (POISON.equals(word)) {
            throw new IllegalArgumentException("the word " + POISON + " is poison on purpose");
        }
        return word.toUpperCase(Locale.ROOT);
    }
}
