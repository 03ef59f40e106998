package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * What crosses the site repartition topic: a {@link SiteReading} for its window, or a device task's
 * {@link Watermark}. Told apart by length, so a reading keeps the 9-byte layout it had before watermarks
 * (records already on the topic when the service is upgraded still read).
 */
public sealed interface SiteEvent permits SiteReading, Watermark {

    Serde<SiteEvent> SERDE = StatsSerde.of("SiteEvent",
            event -> event instanceof Watermark ? Watermark.BYTES : SiteReading.BYTES,
            (event, out) -> {
                if (event instanceof Watermark watermark) {
                    watermark.writeTo(out);
                } else {
                    ((SiteReading) event).writeTo(out);
                }
            },
            in -> in.remaining() == Watermark.BYTES ? Watermark.readFrom(in) : SiteReading.readFrom(in));
}
