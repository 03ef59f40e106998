package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import io.streamsuite.kit.stats.Summary;
import io.streamsuite.schemas.iot.SiteStats;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;

/** A site window being filled: the readings' summary and the devices reporting. */
public record SiteAggregate(Summary readings, long devicesReporting) {

    static final int BYTES = Summary.BYTES + Long.BYTES;
    public static final Serde<SiteAggregate> SERDE = StatsSerde.of("SiteAggregate", a -> BYTES, SiteAggregate::writeTo,
            SiteAggregate::readFrom);

    public static SiteAggregate empty() {
        return new SiteAggregate(Summary.empty(), 0);
    }

    public SiteAggregate add(SiteReading reading) {
        return new SiteAggregate(readings.add(reading.value()), devicesReporting + (reading.newDevice() ? 1 : 0));
    }

    /** With one reading; {@code newDevice} for its device's first reading in the window. */
    public SiteAggregate add(double value, boolean newDevice) {
        return new SiteAggregate(readings.add(value), devicesReporting + (newDevice ? 1 : 0));
    }

    /** With another task's part of the same window. */
    public SiteAggregate merge(SiteAggregate part) {
        return new SiteAggregate(readings.merge(part.readings), devicesReporting + part.devicesReporting);
    }

    void writeTo(ByteBuffer out) {
        readings.writeTo(out);
        out.putLong(devicesReporting);
    }

    static SiteAggregate readFrom(ByteBuffer in) {
        return new SiteAggregate(Summary.readFrom(in), in.getLong());
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
