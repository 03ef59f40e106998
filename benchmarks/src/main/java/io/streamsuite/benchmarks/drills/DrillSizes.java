package io.streamsuite.benchmarks.drills;

/**
 * How big each drill is: the sizes, or a short form for CI. The service crash drills: recommendation-updater's
 * learning users, probe users and send rate; iot-monitor's devices and how many half-second reading rounds they send.
 */
public record DrillSizes(int crashRecords, int crashRate, int kills, int poisonRecords, int poisonRate,
                         double poisonShare, int brokerRecords, int brokerRate, int brokerOutageSeconds,
                         int registryRecords, int registryRate, int registryOutageSeconds, int fuzzRequests,
                         int recsUsers, int recsProbes, int recsRate, int iotDevices, int iotRounds) {

    public static DrillSizes full() {
        return new DrillSizes(30_000, 1_000, 5, 100_000, 5_000, 0.10, 30_000, 1_000, 20, 30_000, 500, 60, 1_500,
                1_000, 2_000, 400, 300, 240);
    }

    public static DrillSizes quick() {
        return new DrillSizes(3_000, 200, 2, 10_000, 2_000, 0.10, 3_000, 200, 8, 1_000, 200, 8, 1_000,
                120, 400, 150, 30, 70);
    }
}
