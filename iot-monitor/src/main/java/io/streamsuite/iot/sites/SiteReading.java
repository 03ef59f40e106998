package io.streamsuite.iot.sites;

import io.streamsuite.kit.stats.StatsSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * One reading on its way to its site window (keyed by {@link SiteKeys}). {@code newDevice} is true
 * for a device's first reading in the window: the device stage knows it from the device's own state,
 * so the window counts devices reporting exactly without keeping their ids.
 */
public record SiteReading(double value, boolean newDevice) {

    public static final Serde<SiteReading> SERDE = StatsSerde.of("SiteReading", r -> 9,
            (r, out) -> out.putDouble(r.value).put((byte) (r.newDevice ? 1 : 0)),
            in -> new SiteReading(in.getDouble(), in.get() != 0));
}
