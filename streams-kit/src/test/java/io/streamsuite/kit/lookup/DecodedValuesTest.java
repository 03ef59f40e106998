package io.streamsuite.kit.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class DecodedValuesTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Serde<String> counting = Serdes.serdeFrom(Serdes.String().serializer(), (Deserializer<String>) (topic, data) -> {
        decodes.incrementAndGet();
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    });

    @Test
    void equalBytesAreDecodedOnceAndAnsweredTheSameValue() {
        Deserializer<String> remembering = DecodedValues.remembering(counting, 10).deserializer();

        String first = remembering.deserialize("t", bytes("related: a b c"));
        String again = remembering.deserialize("t", bytes("related: a b c"));

        assertThat(again).isEqualTo("related: a b c").isSameAs(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void aValueSerializedIsAnsweredWhenItsBytesAreReadBackWithoutDecoding() {
        Serde<String> serde = DecodedValues.remembering(counting, 10);
        String written = new String("top: a b");

        byte[] bytes = serde.serializer().serialize("t", written);

        assertThat(serde.deserializer().deserialize("t", bytes)).isSameAs(written);
        assertThat(decodes).hasValue(0);
    }

    @Test
    void changedBytesAreDecodedAfreshSoAnUpdatedValueIsSeen() {
        Deserializer<String> remembering = DecodedValues.remembering(counting, 10).deserializer();
        remembering.deserialize("t", bytes("related: a b"));

        assertThat(remembering.deserialize("t", bytes("related: a b c"))).isEqualTo("related: a b c");
        assertThat(remembering.deserialize("t", null)).isNull();
        assertThat(decodes).hasValue(2);
    }

    @Test
    void remembersAtMostItsCapacityThenStartsOver() {
        Deserializer<String> remembering = DecodedValues.remembering(counting, 3).deserializer();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(remembering.deserialize("t", bytes("v" + i))).isEqualTo("v" + i);
            }
        }
        // 4 distinct values through 3 places: each 4th clears what was remembered, so none is kept for the next round.
        assertThat(decodes).hasValue(8);
    }

    @Test
    void theBytesReadAreNotKeptSoACallerReusingItsBufferChangesNothing() {
        Deserializer<String> remembering = DecodedValues.remembering(counting, 10).deserializer();
        byte[] buffer = bytes("abc");
        remembering.deserialize("t", buffer);
        buffer[0] = 'x';

        assertThat(remembering.deserialize("t", bytes("abc"))).isEqualTo("abc");
        assertThat(remembering.deserialize("t", buffer)).isEqualTo("xbc");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
