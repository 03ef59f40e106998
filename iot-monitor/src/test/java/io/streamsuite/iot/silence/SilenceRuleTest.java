package io.streamsuite.iot.silence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SilenceRuleTest {

    private final SilenceRule rule = new SilenceRule(3);

    @Test
    void silentAtThreeIntervalsAfterLastHeardWhenThePartitionMovedOn() {
        assertThat(rule.dueAt(1_000, 10_000, 0)).isEqualTo(31_000);
        // The partition has processed other devices' readings up to 40 s of event time, 39.5 s past this one's.
        assertThat(rule.silent(1_000, 500, 10_000, 0, 30_999, 40_000, 30_900)).isFalse();
        assertThat(rule.silent(1_000, 500, 10_000, 0, 31_000, 40_000, 30_900)).isTrue();
    }

    @Test
    void aWholePartitionQuietForThreeIntervalsIsSilentByTheWallClockAlone() {
        assertThat(rule.silent(1_000, 500, 10_000, 0, 31_000, 500, 1_000)).isTrue();
    }

    @Test
    void afterAStallTheWallClockAloneDoesNotMakeADeviceSilent() {
        // The thread just came back and processed readings up to event time 20 000: the device's next
        // reading may still be in the backlog, so it is not silent yet.
        assertThat(rule.silent(1_000, 500, 10_000, 0, 60_000, 20_000, 59_900)).isFalse();
    }

    @Test
    void theClockStartsNoEarlierThanTheInstanceTookTheDeviceOver() {
        // Heard long ago, but this instance has only watched since 100 000 (e.g. after a restart).
        assertThat(rule.silent(1_000, 500, 10_000, 100_000, 110_000, 200_000, 100_000)).isFalse();
        assertThat(rule.dueAt(1_000, 10_000, 100_000)).isEqualTo(130_000);
    }

    @Test
    void aDeviceWithoutAnExpectedIntervalIsNeverSilent() {
        assertThat(rule.dueAt(1_000, 0, 0)).isNegative();
        assertThat(rule.silent(1_000, 500, 0, 0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 0)).isFalse();
    }

    @Test
    void aDeviceDueButNotYetSilentIsLookedAtAgainWhenThePartitionMayHaveMovedOnNotAnIntervalLater() {
        // Due at 31 000; the partition's traffic is 200 ms short of 3 intervals past the device's last reading.
        assertThat(rule.silent(1_000, 500, 10_000, 0, 31_000, 30_300, 30_900)).isFalse();
        assertThat(rule.recheckAt(500, 10_000, 0, 31_000, 30_300, 30_900, 1_000)).isEqualTo(32_000);
        assertThat(rule.recheckAt(500, 10_000, 0, 31_000, 30_300, 30_900, 100)).isEqualTo(31_200);
        // Far behind (a stall): no later than one interval on, as before.
        assertThat(rule.recheckAt(500, 10_000, 0, 60_000, 20_000, 59_900, 1_000)).isEqualTo(70_000);
    }
}
