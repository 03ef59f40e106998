package io.streamsuite.kit.query;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.fixtures.CustomerKey;
import io.streamsuite.kit.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
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
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The query tests' service: every store kind and key type the query path serves, from two input
 * topics of four partitions so two instances each own keys. Topic names carry a prefix so test
 * classes sharing one broker do not see each other's records.
 */
public class QueryTestService implements StreamsService {

    public static final String COUNTS = "query.counts";
    public static final String LATEST = "query.latest";
    public static final String WINDOWED_COUNTS = "query.windowed-counts";
    public static final String SESSIONS = "query.sessions";
    public static final String COUNTS_BY_CENTS = "query.counts-by-cents";
    public static final String CUSTOMERS = "query.customers";
    /** A global table: every instance holds all of it. */
    public static final String REGIONS = "query.regions";
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final Duration SESSION_GAP = Duration.ofMinutes(5);
    public static final int PARTITIONS = 4;

    private final String prefix;

    public QueryTestService(String prefix) {
        this.prefix = prefix;
    }

    public String eventsTopic() {
        return prefix + ".events";
    }

    public String customersTopic() {
        return prefix + ".customers";
    }

    public String regionsTopic() {
        return prefix + ".regions";
    }

    @Override
    public Topology topology(AvroSerdes serdes) {
        Serde<ExampleEvent> events = serdes.valueSerde(ExampleEvent.class);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ExampleEvent> stream = builder.stream(eventsTopic(), Consumed.with(Serdes.String(), events));
        KGroupedStream<String, ExampleEvent> byKey = stream.groupByKey(Grouped.with(Serdes.String(), events));
        byKey.count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        byKey.reduce((older, newer) -> newer, Materialized.<String, ExampleEvent, KeyValueStore<Bytes, byte[]>>as(LATEST)
                .withKeySerde(Serdes.String()).withValueSerde(events));
        byKey.windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(WINDOWED_COUNTS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        byKey.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(SESSION_GAP))
                .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as(SESSIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        // Re-keyed, so this store is fed by a repartition topic, and its long keys include negatives.
        stream.groupBy((key, event) -> event.getAmount().movePointRight(2).longValueExact(),
                        Grouped.with("by-cents", Serdes.Long(), events))
                .count(Materialized.<Long, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS_BY_CENTS)
                        .withKeySerde(Serdes.Long()).withValueSerde(Serdes.Long()));
        builder.table(customersTopic(), Consumed.with(serdes.keySerde(CustomerKey.class), serdes.valueSerde(Customer.class)),
                Materialized.as(CUSTOMERS));
        builder.globalTable(regionsTopic(), Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(REGIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        return builder.build();
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(eventsTopic()).withPartitions(PARTITIONS),
                TopicSpec.input(customersTopic()).withPartitions(PARTITIONS),
                TopicSpec.input(regionsTopic()).withPartitions(PARTITIONS));
    }
}
