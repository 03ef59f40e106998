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

    /** Every service that exists; a new service is one more entry here. */
    public static List<SuiteService> all(int basePort) {
        return List.of(
                new SuiteService("fraud-detector", "fraud-detector", basePort, "/api/alerts?limit=5"));
    }
}
