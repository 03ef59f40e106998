package io.streamsuite.recommendations.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.shop.RelatedItems;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairBatchTest {

    @Test
    void aBatchRoundTripsWithItsTime() {
        PairBatch batch = new PairBatch(List.of(new PairBatch.Pair("lamp", 3.0), new PairBatch.Pair("shade", 1.5)), 1_700_000_000_000L);

        byte[] bytes = PairBatch.SERDE.serializer().serialize("t", batch);

        assertThat(PairBatch.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(batch);
    }

    /** Batches of the previous release may still be in the pairs repartition topic when this one starts. */
    @Test
    void aFormatOneBatchFromBeforeAnUpgradeIsReadAndAddsItsWeightsUndecayed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeShort(1);
            out.writeUTF("shade");
            out.writeDouble(2.0);
        }

        PairBatch old = PairBatch.SERDE.deserializer().deserialize("t", bytes.toByteArray());

        assertThat(old.pairs()).containsExactly(new PairBatch.Pair("shade", 2.0));
        assertThat(old.time()).isEqualTo(PairBatch.UNKNOWN_TIME);
        RelatedItemsAggregator aggregator = new RelatedItemsAggregator(10, Duration.ofHours(1));
        RelatedItems before = aggregator.apply("lamp", new PairBatch(List.of(new PairBatch.Pair("shade", 1.0)), 1_700_000_000_000L), null);
        RelatedItems after = aggregator.apply("lamp", old, before);
        assertThat(after.getRelated()).singleElement().satisfies(related -> assertThat(related.getWeight()).isEqualTo(3.0));
        assertThat(after.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }
}
