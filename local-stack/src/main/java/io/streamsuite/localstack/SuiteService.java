package io.streamsuite.localstack;

import java.util.List;

/**
 * A service of the suite as the local stack runs it: its Maven module (= application id), REST port and
 * sample query; actuator (Prometheus, health) listens on {@link #managementPort()}.
 */
public record SuiteService(String name, String module, int port, String sampleQuery) {

    /** The REST port plus 1000. */
    public int managementPort() {
        return port + 1000;
    }

    /** Every service that exists; a new service is one more entry here (base + 1 is the registry's default port). */
    public static List<SuiteService> all(int basePort) {
        return List.of(
                new SuiteService("fraud-detector", "fraud-detector", basePort, "/api/alerts?limit=5"),
                new SuiteService("recommendation-updater", "recommendation-updater", basePort + 2,
                        "/api/categories/books/trending"),
                // The simulator's clock starts at 2026-01-05T08:00:00Z (its default --start).
                new SuiteService("metrics-aggregator", "metrics-aggregator", basePort + 3,
                        "/api/pages/counts?page=/&from=2026-01-05T08:00:00Z&to=2026-01-05T09:00:00Z"),
                new SuiteService("iot-monitor", "iot-monitor", basePort + 4, "/api/alerts/active?limit=5"));
    }
}
