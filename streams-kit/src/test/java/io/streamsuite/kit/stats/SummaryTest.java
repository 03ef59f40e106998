package io.streamsuite.kit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void addsAndMergesToTheSameCountMinMaxAndMean() {
        Summary left = Summary.empty().add(3).add(1);
        Summary right = Summary.of(8);
        assertThat(left.merge(right)).isEqualTo(new Summary(3, 1, 8, 4));
        assertThat(left.add(8)).isEqualTo(new Summary(3, 1, 8, 4));
        assertThat(Summary.empty().merge(right)).isEqualTo(right);
    }

    @Test
    void roundTripsAndRejectsTrailingBytes() {
        Summary summary = new Summary(2, -1.5, 4, 1.25);
        byte[] bytes = Summary.SERDE.serializer().serialize("t", summary);
        assertThat(Summary.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(summary);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Summary.SERDE.deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Not a Summary");
    }
}
