package io.streamsuite.simulator.payments;

import java.util.List;
import java.util.SplittableRandom;

/** Cities the simulated card holders live in and travel to, and great-circle distances between points. */
public final class Geo {

    /** A city: where accounts live and where transactions happen. */
    public record City(String name, String country, String currency, double latitude, double longitude) {
    }

    public static final List<City> CITIES = List.of(
            new City("Berlin", "DE", "EUR", 52.520, 13.405),
            new City("Munich", "DE", "EUR", 48.137, 11.575),
            new City("Hamburg", "DE", "EUR", 53.551, 9.993),
            new City("Paris", "FR", "EUR", 48.857, 2.352),
            new City("Lyon", "FR", "EUR", 45.764, 4.836),
            new City("Amsterdam", "NL", "EUR", 52.370, 4.895),
            new City("Brussels", "BE", "EUR", 50.850, 4.352),
            new City("Vienna", "AT", "EUR", 48.208, 16.374),
            new City("Zurich", "CH", "CHF", 47.377, 8.541),
            new City("Madrid", "ES", "EUR", 40.417, -3.704),
            new City("Barcelona", "ES", "EUR", 41.385, 2.173),
            new City("Rome", "IT", "EUR", 41.903, 12.496),
            new City("Milan", "IT", "EUR", 45.464, 9.190),
            new City("London", "GB", "GBP", 51.507, -0.128),
            new City("Manchester", "GB", "GBP", 53.481, -2.243),
            new City("Warsaw", "PL", "PLN", 52.230, 21.012),
            new City("Stockholm", "SE", "SEK", 59.329, 18.069),
            new City("New York", "US", "USD", 40.713, -74.006),
            new City("Chicago", "US", "USD", 41.878, -87.630),
            new City("San Francisco", "US", "USD", 37.775, -122.419),
            new City("Toronto", "CA", "CAD", 43.653, -79.383),
            new City("Tokyo", "JP", "JPY", 35.676, 139.650),
            new City("Singapore", "SG", "SGD", 1.352, 103.820),
            new City("Sydney", "AU", "AUD", -33.869, 151.209),
            new City("Sao Paulo", "BR", "BRL", -23.551, -46.633));

    private static final double EARTH_RADIUS_KM = 6371.0;

    private Geo() {
    }

    /** Haversine distance in kilometres. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** Speed in km/h implied by moving between two points in the given time; infinite for a jump in no time. */
    public static double speedKmh(double lat1, double lon1, long t1Ms, double lat2, double lon2, long t2Ms) {
        double km = distanceKm(lat1, lon1, lat2, lon2);
        long ms = Math.abs(t2Ms - t1Ms);
        if (km == 0) {
            return 0;
        }
        return ms == 0 ? Double.POSITIVE_INFINITY : km / (ms / 3_600_000.0);
    }

    /** A point up to {@code radiusKm} from the given one, uniformly over the disc. */
    static double[] near(double latitude, double longitude, double radiusKm, SplittableRandom random) {
        double r = radiusKm * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        double dLat = (r * Math.cos(bearing)) / 111.32;
        double dLon = (r * Math.sin(bearing)) / (111.32 * Math.cos(Math.toRadians(latitude)));
        return new double[] {round(latitude + dLat), round(longitude + dLon)};
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }
}
