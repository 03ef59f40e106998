package io.streamsuite.iot.silence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SilenceRuleTest {

    private final SilenceRule rule = new SilenceRule(3);

    @Test
    void silentAtThreeIntervalsAfterLastHeard() {
        assertThat(rule.dueAt(1_000, 10_000, 0)).isEqualTo(31_000);
        assertThat(rule.silent(1_000, 10_000, 0, 30_999)).isFalse();
        assertThat(rule.silent(1_000, 10_000, 0, 31_000)).isTrue();
    }

    @Test
    void theClockStartsNoEarlierThanTheInstanceTookTheDeviceOver() {
        // Heard long ago, but this instance has only watched since 100 000 (e.g. after a restart).
        assertThat(rule.silent(1_000, 10_000, 100_000, 110_000)).isFalse();
        assertThat(rule.dueAt(1_000, 10_000, 100_000)).isEqualTo(130_000);
    }

    @Test
    void aDeviceWithoutAnExpectedIntervalIsNeverSilent() {
        assertThat(rule.dueAt(1_000, 0, 0)).isNegative();
        assertThat(rule.silent(1_000, 0, 0, Long.MAX_VALUE)).isFalse();
    }
}
