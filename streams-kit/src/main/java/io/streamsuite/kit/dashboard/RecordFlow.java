package io.streamsuite.kit.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Records into and out of the service, counted where Kafka hands them over (interceptors on the
 * stream threads' consumer and producer), and their end-to-end latency: wall clock at the sink
 * minus the record's timestamp, as Kafka Streams defines {@code record-e2e-latency}, but kept as a
 * distribution so the dashboard can show p50 and p99. Internal topics and the dead-letter topic
 * are not counted.
 */
public class RecordFlow {

    static final String RECORDS_IN = "streams.records.in";
    static final String RECORDS_OUT = "streams.records.out";
    static final String E2E_LATENCY = "streams.record.e2e.latency";

    private final String internalPrefix;
    private final String deadLetterTopic;
    private final Counter in;
    private final Counter out;
    private final Timer latency;

    public RecordFlow(String applicationId, String deadLetterTopic, MeterRegistry registry) {
        this.internalPrefix = applicationId + "-";
        this.deadLetterTopic = deadLetterTopic;
        this.in = Counter.builder(RECORDS_IN).description("Records the stream threads polled from input topics").register(registry);
        this.out = Counter.builder(RECORDS_OUT).description("Records the stream threads sent to output topics").register(registry);
        // A short window, so the percentiles follow what happens now rather than since start-up.
        this.latency = Timer.builder(E2E_LATENCY)
                .description("Wall clock at the sink minus the output record's timestamp")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofSeconds(30))
                .distributionStatisticBufferLength(3)
                .register(registry);
    }

    boolean counts(String topic) {
        return !topic.startsWith(internalPrefix) && !topic.equals(deadLetterTopic);
    }

    void polled(int records) {
        in.increment(records);
    }

    void sent(long recordTimestamp, long now) {
        out.increment();
        if (recordTimestamp >= 0) {
            latency.record(Math.max(0, now - recordTimestamp), TimeUnit.MILLISECONDS);
        }
    }

    public long recordsIn() {
        return (long) in.count();
    }

    public long recordsOut() {
        return (long) out.count();
    }

    /** p50 and p99 in milliseconds over the last half minute or so; NaN when no record went out in it. */
    public double[] latencyPercentilesMillis() {
        double[] result = {Double.NaN, Double.NaN};
        var snapshot = latency.takeSnapshot();
        // The max decays with the same window as the percentiles, the count does not.
        if (snapshot.max(TimeUnit.MILLISECONDS) == 0) {
            return result;
        }
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (value.percentile() == 0.5) {
                result[0] = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                result[1] = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return result;
    }
}
