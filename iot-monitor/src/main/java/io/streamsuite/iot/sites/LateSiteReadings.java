package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.Summary;
import io.streamsuite.kit.window.Late;
import io.streamsuite.schemas.iot.LateSiteReading;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Late readings as published on {@code iot.late-site-readings}, keyed by site/sensorType. */
public final class LateSiteReadings {

    private LateSiteReadings() {
    }

    public static LateSiteReading of(String siteKey, double value, long eventTime, long windowStart, long windowEnd,
                                     long closedAt) {
        return ofPart(siteKey, SiteAggregate.empty().add(value, false), eventTime, windowStart, windowEnd, closedAt);
    }

    /** Several readings of one device task, as summed before they found their window closed. */
    public static LateSiteReading ofPart(String siteKey, SiteAggregate part, long newestEventTime, long windowStart,
                                         long windowEnd, long closedAt) {
        Summary readings = part.readings();
        return new LateSiteReading(SiteKeys.site(siteKey), SiteKeys.sensorType(siteKey), readings.count(), readings.min(),
                readings.max(), readings.mean(), Instant.ofEpochMilli(newestEventTime), Instant.ofEpochMilli(windowStart),
                Instant.ofEpochMilli(windowEnd), Instant.ofEpochMilli(closedAt));
    }

    /** The device task's late gate's output (the record's timestamp is the reading's event time). */
    public static FixedKeyProcessor<String, Late<SiteReading>, LateSiteReading> fromGate() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, LateSiteReading> context;

            @Override
            public void init(FixedKeyProcessorContext<String, LateSiteReading> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, Late<SiteReading>> record) {
                Late<SiteReading> late = record.value();
                context.forward(record.withValue(of(record.key(), late.value().value(), record.timestamp(),
                        late.windowStart(), late.windowEnd(), late.streamTime())));
            }
        };
    }
}
