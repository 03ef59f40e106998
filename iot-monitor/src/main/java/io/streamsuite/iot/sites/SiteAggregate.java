package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import io.streamsuite.kit.stats.Summary;
import io.streamsuite.schemas.iot.SiteStats;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;

/** A site window being filled: the readings' summary and the devices reporting. */
public record SiteAggregate(Summary readings, long devicesReporting) {

    public static final Serde<SiteAggregate> SERDE = StatsSerde.of("SiteAggregate", a -> Summary.BYTES + Long.BYTES,
            (a, out) -> {
                a.readings.writeTo(out);
                out.putLong(a.devicesReporting);
            },
            in -> new SiteAggregate(Summary.readFrom(in), in.getLong()));

    public static SiteAggregate empty() {
        return new SiteAggregate(Summary.empty(), 0);
    }

    public SiteAggregate add(SiteReading reading) {
        return new SiteAggregate(readings.add(reading.value()), devicesReporting + (reading.newDevice() ? 1 : 0));
    }

    public SiteStats toStats(String siteKey, Instant windowStart, Instant windowEnd) {
        return SiteStats.newBuilder()
                .setSite(SiteKeys.site(siteKey))
                .setSensorType(SiteKeys.sensorType(siteKey))
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setCount(readings.count())
                .setMin(readings.min())
                .setMax(readings.max())
                .setMean(readings.mean())
                .setDevicesReporting(devicesReporting)
                .build();
    }
}
