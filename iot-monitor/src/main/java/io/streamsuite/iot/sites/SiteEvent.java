package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * What crosses the site repartition topic: a device task's {@link SitePartial} of a window, or its
 * {@link Watermark}; a single {@link SiteReading} is what the topic carried before (one per reading), still read
 * so records on the topic when the service is upgraded count. Told apart by length (9, 14 and 41 bytes).
 */
public sealed interface SiteEvent permits SiteReading, SitePartial, Watermark {

    Serde<SiteEvent> SERDE = StatsSerde.of("SiteEvent", SiteEvent::bytes, SiteEvent::write, SiteEvent::read);

    private static int bytes(SiteEvent event) {
        if (event instanceof SitePartial) {
            return SitePartial.BYTES;
        }
        return event instanceof Watermark ? Watermark.BYTES : SiteReading.BYTES;
    }

    private static void write(SiteEvent event, ByteBuffer out) {
        if (event instanceof SitePartial partial) {
            partial.writeTo(out);
        } else if (event instanceof Watermark watermark) {
            watermark.writeTo(out);
        } else {
            ((SiteReading) event).writeTo(out);
        }
    }

    private static SiteEvent read(ByteBuffer in) {
        int length = in.remaining();
        if (length == SitePartial.BYTES) {
            return SitePartial.readFrom(in);
        }
        return length == Watermark.BYTES ? Watermark.readFrom(in) : SiteReading.readFrom(in);
    }
}
