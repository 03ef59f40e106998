package io.streamsuite.kit.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class StreamTimeTicksTest {

    private final StreamPartitioner<String, String> partitioner =
            StreamTimeTicks.partitioner(new StringSerializer(), "TICK"::equals);

    @Test
    void ticksGoToEveryPartition() {
        assertThat(partitioner.partitions("t", "#tick", "TICK", 6)).contains(Set.of(0, 1, 2, 3, 4, 5));
    }

    @Test
    void otherRecordsGoWhereTheProducersDefaultPartitionerAndTheQueryLayerLookForTheirKey() {
        for (String page : new String[] {"/", "/products/42", "/checkout", "/blog/7", "/a/b/c"}) {
            int expected = BuiltInPartitioner.partitionForKey(page.getBytes(StandardCharsets.UTF_8), 6);
            assertThat(partitioner.partitions("t", page, "view", 6)).as(page).isEqualTo(Optional.of(Set.of(expected)));
        }
    }

    @Test
    void anIntervalMustBePositive() {
        assertThatThrownBy(() -> StreamTimeTicks.emitter(Duration.ZERO, "k", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReKeyingEmitterForwardsEachRecordReKeyedAndTicksAtTheTasksStreamTime() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("views", Consumed.with(Serdes.String(), Serdes.String()))
                .process(StreamTimeTicks.emitter(Duration.ofSeconds(5), "#tick", "TICK",
                        (String user, String page) -> KeyValue.pair(page, user)))
                .to("by-page", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ticks-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, start)) {
            TestInputTopic<String, String> views = driver.createInputTopic("views", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> byPage = driver.createOutputTopic("by-page", new StringDeserializer(), new StringDeserializer());

            views.pipeInput("user-1", "/products/42", start.minusSeconds(60));
            driver.advanceWallClockTime(Duration.ofSeconds(5));

            assertThat(byPage.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                    .containsExactly(tuple("/products/42", "user-1", start.minusSeconds(60)),
                            tuple("#tick", "TICK", start.minusSeconds(60)));
        }
    }
}
