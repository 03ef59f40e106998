package io.streamsuite.iot.sites;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionIdlenessTest {

    private static final long IDLE_AFTER = 30_000;
    private static final long STARTED = 1_000_000;

    @Test
    void aTaskThatHadReadingsIsIdleOnceTheyStopForTheIdleTime() {
        PartitionIdleness idleness = new PartitionIdleness(IDLE_AFTER);
        idleness.started(STARTED);
        idleness.reading(STARTED + 5_000);

        assertThat(idleness.idle(STARTED + 5_000 + IDLE_AFTER - 1, 42)).isFalse();
        assertThat(idleness.idle(STARTED + 5_000 + IDLE_AFTER, 42)).isTrue();
    }

    @Test
    void aPartitionThatNeverHadAReadingIsIdleAfterTheIdleTime() {
        PartitionIdleness idleness = new PartitionIdleness(IDLE_AFTER);
        idleness.started(STARTED);

        assertThat(idleness.idle(STARTED + IDLE_AFTER, -1)).isTrue();
    }

    @Test
    void aRestartedTaskWaitsForItsBacklogButNotForever() {
        PartitionIdleness idleness = new PartitionIdleness(IDLE_AFTER);
        idleness.started(STARTED);
        long restoredStreamTime = 1_700_000_000_000L;

        assertThat(idleness.idle(STARTED + 3 * IDLE_AFTER, restoredStreamTime)).as("maybe not fed yet").isFalse();
        long bound = PartitionIdleness.PERIODS_AFTER_RESTART * IDLE_AFTER;
        assertThat(idleness.idle(STARTED + bound - 1, restoredStreamTime)).isFalse();
        assertThat(idleness.idle(STARTED + bound, restoredStreamTime)).as("quiet since the restart").isTrue();
    }

    @Test
    void aReadingMakesAnIdlePartitionActiveAgainAndZeroMeansNever() {
        PartitionIdleness idleness = new PartitionIdleness(IDLE_AFTER);
        idleness.started(STARTED);
        idleness.reading(STARTED + 1);
        assertThat(idleness.idle(STARTED + 1 + IDLE_AFTER, 7)).isTrue();
        idleness.reading(STARTED + 2 * IDLE_AFTER);
        assertThat(idleness.idle(STARTED + 2 * IDLE_AFTER + 10, 7)).isFalse();

        PartitionIdleness never = new PartitionIdleness(0);
        never.started(STARTED);
        assertThat(never.idle(STARTED + 100 * IDLE_AFTER, -1)).isFalse();
    }
}
