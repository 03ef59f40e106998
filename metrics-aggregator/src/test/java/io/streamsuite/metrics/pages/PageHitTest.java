package io.streamsuite.metrics.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The repartition's encoding: the direct encoder writes DataOutputStream's bytes, so old and new records read alike. */
class PageHitTest {

    private static final String TOPIC = "metrics-aggregator-page-views-by-page-repartition";

    @Test
    void asciiHitsAreTheBytesDataOutputStreamWritesAndReadBackEqual() {
        PageHit hit = new PageHit("6f1c2a1e-8d7b-4c1e-9a53-0d2f5b7c9e11", "user-0042", 503, 1_250, 1_764_000_000_123L, true, false);

        byte[] bytes = PageHit.SERDE.serializer().serialize(TOPIC, hit);

        assertThat(bytes).isEqualTo(PageHit.encodeWithDataOutput(hit));
        assertThat(PageHit.SERDE.deserializer().deserialize(TOPIC, bytes)).isEqualTo(hit);
        assertThat(PageHit.SERDE.deserializer().deserialize(TOPIC, PageHit.SERDE.serializer().serialize(TOPIC, PageHit.TICK)))
                .isEqualTo(PageHit.TICK);
    }

    @Test
    void textBeyondAsciiAndNulCharactersRoundTripThroughModifiedUtf8() {
        PageHit hit = new PageHit("e\u0000vent", "usér-☃-\uD83D\uDE00", 200, 7, 42L, false, false);

        byte[] bytes = PageHit.SERDE.serializer().serialize(TOPIC, hit);

        assertThat(bytes).isEqualTo(PageHit.encodeWithDataOutput(hit));
        assertThat(PageHit.SERDE.deserializer().deserialize(TOPIC, bytes)).isEqualTo(hit);
    }

    @Test
    void truncatedOrForeignBytesAreASerializationError() {
        byte[] bytes = PageHit.SERDE.serializer().serialize(TOPIC, PageHit.TICK);

        assertThatThrownBy(() -> PageHit.SERDE.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> PageHit.SERDE.deserializer().deserialize(TOPIC, new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
