package io.streamsuite.iot.thresholds;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.thresholds.ThresholdRule.Transition;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private final ThresholdRule rule = new ThresholdRule();

    @Test
    void onlyTheFirstReadingOutsideAndTheFirstBackInsideAreTransitions() {
        assertThat(rule.next(false, 20, 15, 30)).isEqualTo(Transition.NONE);
        assertThat(rule.next(false, 30, 15, 30)).as("the limits are normal").isEqualTo(Transition.NONE);
        assertThat(rule.next(false, 30.01, 15, 30)).isEqualTo(Transition.STARTED);
        assertThat(rule.next(true, 40, 15, 30)).isEqualTo(Transition.NONE);
        assertThat(rule.next(true, 29, 15, 30)).isEqualTo(Transition.CLEARED);
        assertThat(rule.next(false, 14.9, 15, 30)).isEqualTo(Transition.STARTED);
    }

    @Test
    void theCrossedLimitIsTheOneOnTheValuesSide() {
        assertThat(rule.crossed(31, 15, 30)).isEqualTo(30);
        assertThat(rule.crossed(10, 15, 30)).isEqualTo(15);
    }
}
