package io.streamsuite.fraud.rules;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Two transactions of one card whose distance over the time between them implies a speed above
 * {@code maxSpeedKmh}. Moves shorter than {@code minDistanceKm} never count: locations are merchant
 * addresses or geocoded terminals, so two payments in one town a second apart are not a flight. Two
 * payments at the same instant at least that far apart are impossible. A transaction is compared with
 * its neighbours in event time among the card's recent sightings (the latest one at or before it and
 * the first one after it), so one arriving out of order is judged where it happened, not against the
 * newest sighting only. Each impossible move is reported once: a late transaction that falls between
 * two sightings whose move was already impossible (and reported with the later one when it came) is
 * flagged only for a move of its own, i.e. when it is impossible next to the later sighting, or next
 * to the earlier one while the earlier-to-later move was possible. (A late payment at the destination
 * of a reported jump is the same jump, not a second one.)
 */
public final class ImpossibleTravel {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double MILLIS_PER_HOUR = 3_600_000.0;
    /** Sightings kept per card: enough for neighbours of the out-of-order records the grace period admits. */
    public static final int SIGHTINGS_KEPT = 4;

    private final double maxSpeedKmh;
    private final double minDistanceKm;

    public ImpossibleTravel(double maxSpeedKmh, double minDistanceKm) {
        if (maxSpeedKmh <= 0) {
            throw new IllegalArgumentException("fraud.travel.max-speed-kmh must be positive");
        }
        if (minDistanceKm < 0) {
            throw new IllegalArgumentException("fraud.travel.min-distance-km must not be negative");
        }
        this.maxSpeedKmh = maxSpeedKmh;
        this.minDistanceKm = minDistanceKm;
    }

    /** Whether getting from one sighting to the other would take more than the maximum speed. */
    public boolean isImpossible(Sighting previous, Sighting current) {
        if (previous == null) {
            return false;
        }
        double km = distanceKm(previous, current);
        if (km < minDistanceKm || km == 0) {
            return false;
        }
        long millis = Math.abs(current.time() - previous.time());
        return millis == 0 || km / (millis / MILLIS_PER_HOUR) > maxSpeedKmh;
    }

    /**
     * Whether the current sighting makes an impossible move of its own next to its event-time
     * neighbours among {@code recent} (oldest first; the current one not among them): impossible next
     * to the one after it, or next to the one before it unless the move from that one to the one after
     * was impossible already (and so reported when the later one came).
     */
    public boolean isImpossibleNextTo(List<Sighting> recent, Sighting current) {
        Sighting before = null;
        Sighting after = null;
        for (Sighting seen : recent) {
            if (seen.time() <= current.time()) {
                before = seen;
            } else {
                after = seen;
                break;
            }
        }
        if (after == null) {
            return isImpossible(before, current);
        }
        return isImpossible(after, current) || (isImpossible(before, current) && !isImpossible(before, after));
    }

    /** Great-circle distance by the haversine formula. */
    public static double distanceKm(Sighting a, Sighting b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Where and when a card was used; 24 bytes in the store. */
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
