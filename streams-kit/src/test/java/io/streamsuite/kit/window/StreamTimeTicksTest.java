package io.streamsuite.kit.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
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
}
