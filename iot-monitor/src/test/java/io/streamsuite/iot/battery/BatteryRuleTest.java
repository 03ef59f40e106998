package io.streamsuite.iot.battery;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.battery.BatteryRule.Transition;
import org.junit.jupiter.api.Test;

class BatteryRuleTest {

    private final BatteryRule rule = new BatteryRule(15, 30);

    @Test
    void lowOnceUnderTheThresholdAndRecoveredOnlyAboveTheRecoveryLevel() {
        assertThat(rule.next(false, 16.0)).isEqualTo(Transition.NONE);
        assertThat(rule.next(false, 14.9)).isEqualTo(Transition.LOW);
        assertThat(rule.next(true, 10.0)).isEqualTo(Transition.NONE);
        assertThat(rule.next(true, 20.0)).as("hovering near the threshold").isEqualTo(Transition.NONE);
        assertThat(rule.next(true, 31.0)).isEqualTo(Transition.RECOVERED);
    }

    @Test
    void aReadingWithoutBatteryChangesNothing() {
        assertThat(rule.next(false, null)).isEqualTo(Transition.NONE);
        assertThat(rule.next(true, null)).isEqualTo(Transition.NONE);
    }
}
