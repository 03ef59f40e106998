package io.streamsuite.recommendations.conversion;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A step of the view → purchase funnel of one item, counted per conversion window. */
public enum Funnel {
    VIEW, CONVERSION;

    public static final Serde<Funnel> SERDE = Serdes.serdeFrom(
            (topic, step) -> step == null ? null : new byte[] {(byte) step.ordinal()},
            (topic, data) -> {
                if (data == null) {
                    return null;
                }
                if (data.length != 1 || data[0] < 0 || data[0] >= values().length) {
                    throw new SerializationException("not a funnel step");
                }
                return values()[data[0]];
            });
}
