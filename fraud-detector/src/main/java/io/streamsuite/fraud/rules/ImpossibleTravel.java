package io.streamsuite.fraud.rules;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Two transactions of one card whose distance over the time between them implies a speed above
 * {@code maxSpeedKmh}. Out-of-order events compare by the absolute time between them.
 */
public final class ImpossibleTravel {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final double maxSpeedKmh;

    public ImpossibleTravel(double maxSpeedKmh) {
        if (maxSpeedKmh <= 0) {
            throw new IllegalArgumentException("fraud.travel.max-speed-kmh must be positive");
        }
        this.maxSpeedKmh = maxSpeedKmh;
    }

    public boolean isImpossible(Sighting previous, Sighting current) {
        if (previous == null) {
            return false;
        }
        double km = distanceKm(previous, current);
        long millis = Math.abs(current.time() - previous.time());
        if (millis == 0) {
            return km > 0;
        }
        return km / (millis / MILLIS_PER_HOUR) > maxSpeedKmh;
    }

    /** The sighting to remember: only a newer event moves the card. */
    public static Sighting latest(Sighting previous, Sighting current) {
        return previous == null || current.time() > previous.time() ? current : previous;
    }

    /** Great-circle distance by the haversine formula. */
    public static double distanceKm(Sighting a, Sighting b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Where and when a card was last used; 24 bytes in the store. */
    public record Sighting(double latitude, double longitude, long time) {

        public static final Serde<Sighting> SERDE = Serdes.serdeFrom(
                (Serializer<Sighting>) (topic, s) -> s == null ? null
                        : ByteBuffer.allocate(24).putDouble(s.latitude).putDouble(s.longitude).putLong(s.time).array(),
                (Deserializer<Sighting>) (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != 24) {
                        throw new SerializationException("A sighting is 24 bytes, got " + bytes.length);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new Sighting(buffer.getDouble(), buffer.getDouble(), buffer.getLong());
                });
    }
}
