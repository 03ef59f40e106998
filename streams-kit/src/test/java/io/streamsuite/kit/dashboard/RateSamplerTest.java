package io.streamsuite.kit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateSamplerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecordFlow flow = new RecordFlow("app", "app.dlq", new SimpleMeterRegistry());

    @Test
    void ratesAreRecordsSinceTheLastSampleOverTheSecondsBetween() {
        RateSampler sampler = new RateSampler(flow, clock::get, false);
        flow.polled(10);
        flow.sent(clock.get() - 40, clock.get());
        clock.addAndGet(2000);
        sampler.sample();
        flow.polled(3);
        clock.addAndGet(1000);
        sampler.sample();

        DashboardSnapshot.Series series = sampler.series();
        assertThat(series.time()).containsExactly(1002L, 1003L);
        assertThat(series.recordsInPerSecond()).containsExactly(5.0, 3.0);
        assertThat(series.recordsOutPerSecond()).containsExactly(0.5, 0.0);
        assertThat(series.e2eLatencyP50Ms().get(0)).isBetween(39.0, 41.0);
    }

    @Test
    void keepsTheLastTwoMinutesAndNoLatencyBeforeAnyRecordWentOut() {
        RateSampler sampler = new RateSampler(flow, clock::get, false);
        for (int i = 0; i < RateSampler.POINTS + 5; i++) {
            clock.addAndGet(1000);
            sampler.sample();
        }
        DashboardSnapshot.Series series = sampler.series();
        assertThat(series.time()).hasSize(RateSampler.POINTS);
        assertThat(series.time().get(0)).isEqualTo(1006L);
        assertThat(series.e2eLatencyP99Ms()).containsOnlyNulls();
    }

    @Test
    void internalTopicsAndTheDeadLetterTopicAreNotCounted() {
        assertThat(flow.counts("payments.transactions")).isTrue();
        assertThat(flow.counts("app-fraud.card-risk-changelog")).isFalse();
        assertThat(flow.counts("app.dlq")).isFalse();
    }
}
