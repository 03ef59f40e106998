package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RoutingKeyTest {

    @Test
    void picksThePartitionKafkasDefaultPartitionerPicksForTheSameKeyBytes() {
        StringSerializer strings = new StringSerializer();
        for (String key : new String[] {"4111111111111111", "5555555555554444", "a", "ümlaut", "378282246310005"}) {
            byte[] bytes = strings.serialize("t", key);
            for (int partitions : new int[] {1, 3, 7, 12}) {
                assertThat(RoutingKey.of(bytes).partition(partitions)).as("%s over %d", key, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(bytes, partitions));
            }
        }
    }

    @Test
    void asAStreamPartitionerNamesExactlyThatPartition() {
        RoutingKey routing = RoutingKey.of(new StringSerializer().serialize("t", "4111111111111111"));
        int expected = routing.partition(6);

        assertThat(routing.<String>partitioner().partitions("t", "some-token", null, 6)).isEqualTo(Optional.of(Set.of(expected)));
    }

    @Test
    void keepsItsOwnCopyOfTheBytesAndRefusesNone() {
        byte[] bytes = {1, 2, 3};
        RoutingKey routing = RoutingKey.of(bytes);
        int before = routing.partition(5);
        bytes[0] = 9;

        assertThat(routing.partition(5)).isEqualTo(before);
        assertThat(routing).isEqualTo(RoutingKey.of(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> RoutingKey.of(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
