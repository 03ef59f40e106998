package io.streamsuite.kit.dashboard;

import java.util.List;

/**
 * What the kit's panels show, at one moment. {@code series} is columnar (one array per line, as
 * the chart library takes it): the last two minutes, one point a second.
 */
public record DashboardSnapshot(String service, String instance, String state, long at, Totals totals,
                                Series series, List<PartitionLag> lag, List<DeadLetterCount> deadLetters,
                                List<ThreadState> threads, Restoration restoration, long threadReplacements) {

    public record Totals(long recordsIn, long recordsOut) {
    }

    /** Times in epoch seconds; rates in records per second; latencies in ms, null before any record. */
    public record Series(List<Long> time, List<Double> recordsInPerSecond, List<Double> recordsOutPerSecond,
                         List<Double> e2eLatencyP50Ms, List<Double> e2eLatencyP99Ms) {
    }

    /** Records behind the end of an input partition this instance reads. */
    public record PartitionLag(String topic, int partition, long lag) {
    }

    public record DeadLetterCount(String reason, long count) {
    }

    public record ThreadState(String name, String state, int activeTasks, int standbyTasks) {
    }

    /** Records restored of the records to restore, over every store partition this instance restored. */
    public record Restoration(long restored, long total, boolean restoring, List<RestorationProgress.StorePartition> stores) {
    }
}
