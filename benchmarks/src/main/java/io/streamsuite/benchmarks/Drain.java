package io.streamsuite.benchmarks;

import java.time.Duration;

/**
 * How fast an app drains a pre-filled topic, from its group's committed offsets: timed from the first commit to
 * the moment every partition the group reads (the input and any repartition topic, so every sub-topology) is
 * caught up; start-up and rebalance are outside both the app's and its baseline's figure.
 * CPU is the process's own user + system time over the same interval.
 */
public record Drain(long records, double seconds, double cpuSeconds) {

    public double recordsPerSecond() {
        return records / seconds;
    }

    public double cpuSecondsPerMillion() {
        return cpuSeconds / records * 1_000_000;
    }

    public static Drain measure(KafkaOps kafka, String group, String topic, long pid, Duration timeout) {
        return measure(kafka, group, topic, pid, timeout, 0);
    }

    /**
     * The same for a group that has committed before (a service restarted on more input): timed from its first
     * commit beyond {@code committedBefore}, the sum of its committed offsets on the topic when it was stopped.
     */
    public static Drain measure(KafkaOps kafka, String group, String topic, long pid, Duration timeout,
                                long committedBefore) {
        long end = kafka.endOffset(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstCommitted = -1;
        long firstAt = 0;
        Duration firstCpu = Duration.ZERO;
        while (System.nanoTime() < deadline) {
            long committed = kafka.committed(group, topic);
            long now = System.nanoTime();
            if (firstCommitted < 0 && committed > committedBefore) {
                firstCommitted = committed;
                firstAt = now;
                firstCpu = Processes.cpu(pid);
            }
            if (committed >= end && firstCommitted >= 0 && kafka.lag(group) == 0) {
                if (committed == firstCommitted) {
                    throw new IllegalStateException("Drained in one commit: too few records to time (" + end + ")");
                }
                double cpu = (Processes.cpu(pid).toNanos() - firstCpu.toNanos()) / 1e9;
                return new Drain(committed - firstCommitted, (now - firstAt) / 1e9, cpu);
            }
            Processes.sleep(50);
        }
        throw new IllegalStateException(group + " did not drain " + topic + " (" + end + " records) within "
                + timeout.toSeconds() + " s; committed " + kafka.committed(group, topic));
    }
}
