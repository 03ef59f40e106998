package io.streamsuite.iot;

import static io.streamsuite.iot.Devices.T0;
import static io.streamsuite.iot.Devices.reading;
import static io.streamsuite.iot.Devices.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.device.Alerts;
import io.streamsuite.iot.device.MonitoredDevice;
import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceState;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.SiteStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IotTopologyTest {

    private static final String DEVICE = "dev-1";

    @Test
    void breachStartAndClearProduceExactlyTwoAlerts() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration(DEVICE, 15, 30, 10_000));
            double[] values = {20, 22, 31, 33, 35, 29, 25, 24};
            for (int i = 0; i < values.length; i++) {
                iot.read(reading(DEVICE, values[i], T0.plusSeconds(10L * i)));
            }

            List<DeviceAlert> breaches = iot.alerts(DeviceAlertType.THRESHOLD_BREACH);
            assertThat(breaches).hasSize(2);
            assertThat(breaches.get(0).getCleared()).isFalse();
            assertThat(breaches.get(0).getValue()).isEqualTo(31);
            assertThat(breaches.get(0).getThreshold()).isEqualTo(30);
            assertThat(breaches.get(0).getEventTime()).isEqualTo(T0.plusSeconds(20));
            assertThat(breaches.get(1).getCleared()).isTrue();
            assertThat(breaches.get(1).getValue()).isEqualTo(29);
            assertThat(iot.alerts()).hasSize(2);
            assertThat(iot.statusUpdates()).extracting(DeviceStatus::getStatus)
                    .containsExactly(DeviceState.OK, DeviceState.ALERTING, DeviceState.OK);
            assertThat(iot.activeAlert(Alerts.activeKey(DEVICE, DeviceAlertType.THRESHOLD_BREACH))).isNull();
        }
    }

    @Test
    void fiveSigmaSpikeAfterWarmUpAlertsOneBeforeWarmUpDoesNotAndSpikesLeaveTheBaselineAlone() {
        IotSettings settings = IotSettings.defaults();
        try (IotDriver iot = new IotDriver(settings)) {
            iot.register(registration(DEVICE, -1000, 1000, 10_000));
            SplittableRandom noise = new SplittableRandom(7);
            Instant at = T0;
            for (int i = 0; i < 10; i++) {
                at = at.plusSeconds(10);
                iot.read(reading(DEVICE, 20 + noise.nextGaussian() * 0.5, at));
            }
            Ewma early = iot.device(DEVICE).baseline();
            at = at.plusSeconds(10);
            iot.read(reading(DEVICE, early.mean() + 5 * early.stdDev(), at));
            assertThat(iot.alerts(DeviceAlertType.SPIKE)).as("a spike during the warm-up").isEmpty();

            for (int i = 0; i < 40; i++) {
                at = at.plusSeconds(10);
                iot.read(reading(DEVICE, 20 + noise.nextGaussian() * 0.5, at));
            }
            Ewma before = iot.device(DEVICE).baseline();
            assertThat(before.warmedUp(30)).isTrue();
            double spike = before.mean() + 5 * before.stdDev();
            Instant spikeAt = at.plusSeconds(10);
            iot.read(reading(DEVICE, spike, spikeAt));

            List<DeviceAlert> spikes = iot.alerts(DeviceAlertType.SPIKE);
            assertThat(spikes).singleElement().satisfies(alert -> {
                assertThat(alert.getValue()).isEqualTo(spike);
                assertThat(alert.getEventTime()).isEqualTo(spikeAt);
            });
            // Left out of the baseline: mean and variance are what they were before the spike.
            MonitoredDevice after = iot.device(DEVICE);
            assertThat(after.baseline()).isEqualTo(before);
            iot.read(reading(DEVICE, spike, spikeAt.plusSeconds(10)));
            assertThat(iot.alerts(DeviceAlertType.SPIKE)).hasSize(2);
            assertThat(iot.device(DEVICE).baseline()).isEqualTo(before);
        }
    }

    @Test
    void wallClockPastThreeIntervalsMarksTheDeviceSilentAndTheNextReadingOk() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration(DEVICE, 15, 30, 10_000));
            iot.read(reading(DEVICE, 20, T0));
            iot.advanceWallClock(Duration.ofSeconds(29));
            assertThat(iot.alerts()).isEmpty();
            assertThat(iot.status(DEVICE).getStatus()).isEqualTo(DeviceState.OK);

            iot.advanceWallClock(Duration.ofSeconds(2));
            assertThat(iot.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo(DeviceAlertType.SILENT);
                assertThat(alert.getEventTime()).isEqualTo(T0);
                assertThat(alert.getValue()).isNull();
            });
            assertThat(iot.status(DEVICE).getStatus()).isEqualTo(DeviceState.SILENT);
            assertThat(iot.activeAlert(Alerts.activeKey(DEVICE, DeviceAlertType.SILENT))).isNotNull();
            // Still silent a minute later: the transition was alerted once.
            iot.advanceWallClock(Duration.ofSeconds(60));
            assertThat(iot.alerts()).hasSize(1);

            iot.read(reading(DEVICE, 21, T0.plusSeconds(91)));
            assertThat(iot.status(DEVICE).getStatus()).isEqualTo(DeviceState.OK);
            assertThat(iot.statusUpdates()).extracting(DeviceStatus::getStatus)
                    .containsExactly(DeviceState.OK, DeviceState.SILENT, DeviceState.OK);
            assertThat(iot.activeAlert(Alerts.activeKey(DEVICE, DeviceAlertType.SILENT))).isNull();
            assertThat(iot.alerts()).hasSize(1);
        }
    }

    @Test
    void aLiveReadingAheadOfAReplayedHourDoesNotMakeTheReplayedDevicesSilentWhenTheThreadFallsBehind() {
        try (IotDriver iot = new IotDriver()) {
            Instant history = T0.minus(Duration.ofMinutes(60));
            iot.register(registration("dev-behind", 15, 30, 5_000), registration("dev-steady", 15, 30, 5_000));
            // A live reading first (an unregistered device: never silent), then the hour of history behind it.
            iot.read(reading("dev-live", 20, T0), reading("dev-behind", 20, history), reading("dev-steady", 20, history));
            // The thread gets through dev-steady's backlog but is slow to reach dev-behind's next reading:
            // 15 s of wall clock (3 intervals) pass while the partition moves on only 3 s of event time.
            for (int i = 1; i <= 3; i++) {
                iot.advanceWallClock(Duration.ofSeconds(5));
                iot.read(reading("dev-steady", 20, history.plusSeconds(i)));
            }
            iot.advanceWallClock(Duration.ofSeconds(1));
            assertThat(iot.alerts()).isEmpty();
            iot.read(reading("dev-behind", 20, history.plusSeconds(5)));
            assertThat(iot.status("dev-behind").getStatus()).isEqualTo(DeviceState.OK);

            // Once the partition's own traffic is 3 intervals past dev-behind, the wall clock decides again.
            for (int i = 1; i <= 4; i++) {
                iot.read(reading("dev-steady", 20, history.plusSeconds(5 + 8L * i)));
                iot.advanceWallClock(Duration.ofSeconds(5));
            }
            assertThat(iot.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo(DeviceAlertType.SILENT);
                assertThat(alert.getDeviceId()).hasToString("dev-behind");
            });
        }
    }

    @Test
    void risingTemperatureRaisesDriftBeforeCrossingItsMaxWithThePredictedTimeWithinTenPercent() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration(DEVICE, 15, 30, 60_000));
            // 20 °C rising 0.1 °C a minute, with noise: crosses 30 °C at T0 + 100 min.
            Instant trueCrossing = T0.plus(Duration.ofMinutes(100));
            SplittableRandom noise = new SplittableRandom(3);
            for (int minute = 0; minute < 110; minute++) {
                iot.read(reading(DEVICE, 20 + 0.1 * minute + noise.nextGaussian() * 0.05, T0.plus(Duration.ofMinutes(minute))));
            }

            List<DeviceAlert> drifts = iot.alerts(DeviceAlertType.DRIFT);
            assertThat(drifts).hasSize(1);
            DeviceAlert drift = drifts.get(0);
            List<DeviceAlert> breaches = iot.alerts(DeviceAlertType.THRESHOLD_BREACH);
            assertThat(breaches).isNotEmpty();
            assertThat(drift.getEventTime()).isBefore(breaches.get(0).getEventTime()).isBefore(trueCrossing);
            long lead = Duration.between(drift.getEventTime(), trueCrossing).toMillis();
            long error = Math.abs(Duration.between(drift.getPredictedAt(), trueCrossing).toMillis());
            assertThat(lead).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
            assertThat(error).as("prediction error against a lead of %d ms", lead).isLessThanOrEqualTo(lead / 10);
            assertThat(drift.getThreshold()).isEqualTo(30);
            assertThat(iot.alerts(DeviceAlertType.SPIKE)).isEmpty();
        }
    }

    @Test
    void registrationUpdateChangesTheThresholdsFromTheNextReading() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration(DEVICE, 15, 30, 10_000));
            iot.read(reading(DEVICE, 28, T0));
            assertThat(iot.alerts()).isEmpty();

            iot.register(registration(DEVICE, 15, 25, 10_000));
            iot.read(reading(DEVICE, 28, T0.plusSeconds(10)));

            assertThat(iot.alerts(DeviceAlertType.THRESHOLD_BREACH)).singleElement().satisfies(alert -> {
                assertThat(alert.getThreshold()).isEqualTo(25);
                assertThat(alert.getEventTime()).isEqualTo(T0.plusSeconds(10));
            });
        }
    }

    @Test
    void lowBatteryIsAlertedOnceUntilTheBatteryIsReplaced() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration(DEVICE, 15, 30, 10_000));
            double[] battery = {40, 20, 14, 13, 16, 12, 14.5};
            for (int i = 0; i < battery.length; i++) {
                iot.read(reading(DEVICE, 20, T0.plusSeconds(10L * i), battery[i]));
            }
            assertThat(iot.alerts(DeviceAlertType.LOW_BATTERY)).singleElement()
                    .satisfies(alert -> assertThat(alert.getValue()).isEqualTo(14));
            assertThat(iot.status(DEVICE).getStatus()).isEqualTo(DeviceState.WARNING);

            iot.read(reading(DEVICE, 20, T0.plusSeconds(100), 95.0));
            assertThat(iot.activeAlert(Alerts.activeKey(DEVICE, DeviceAlertType.LOW_BATTERY))).isNull();
            assertThat(iot.status(DEVICE).getStatus()).isEqualTo(DeviceState.OK);
            assertThat(iot.alerts(DeviceAlertType.LOW_BATTERY)).hasSize(1);
        }
    }

    @Test
    void siteStatsSummariseEachClosedMinuteAndCountDevicesReportingOnce() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration("dev-a", 15, 30, 10_000), registration("dev-b", 15, 30, 10_000));
            iot.read(reading("dev-a", 20, T0), reading("dev-a", 22, T0.plusSeconds(20)), reading("dev-b", 24, T0.plusSeconds(30)));
            assertThat(iot.siteStats()).as("the window is still open").isEmpty();

            iot.read(reading("dev-a", 21, T0.plusSeconds(95)));

            assertThat(iot.siteStats()).singleElement().satisfies(stats -> {
                assertThat(stats.getSite()).isEqualTo(Devices.SITE);
                assertThat(stats.getWindowStart()).isEqualTo(T0);
                assertThat(stats.getWindowEnd()).isEqualTo(T0.plusSeconds(60));
                assertThat(stats.getCount()).isEqualTo(3);
                assertThat(stats.getMin()).isEqualTo(20);
                assertThat(stats.getMax()).isEqualTo(24);
                assertThat(stats.getMean()).isEqualTo(22);
                assertThat(stats.getDevicesReporting()).isEqualTo(2);
            });
        }
    }

    @Test
    void aReadingLaterThanTheGraceInItsOwnPartitionGoesToLateSiteReadingsNotIntoItsClosedWindow() {
        try (IotDriver iot = new IotDriver()) {
            iot.register(registration("dev-a", 15, 30, 10_000), registration("dev-b", 15, 30, 10_000));
            iot.read(reading("dev-a", 20, T0), reading("dev-a", 22, T0.plusSeconds(95)));
            assertThat(iot.siteStats()).singleElement().satisfies(stats -> assertThat(stats.getCount()).isEqualTo(1));

            // 85 s behind the partition: past the window's end (60 s) plus the grace (30 s).
            iot.read(reading("dev-b", 27, T0.plusSeconds(10)));

            assertThat(iot.lateSiteReadings()).singleElement().satisfies(late -> {
                assertThat(late.getSite()).isEqualTo(Devices.SITE);
                assertThat(late.getCount()).isEqualTo(1);
                assertThat(late.getMean()).isEqualTo(27);
                assertThat(late.getEventTime()).isEqualTo(T0.plusSeconds(10));
                assertThat(late.getWindowStart()).isEqualTo(T0);
                assertThat(late.getWindowEnd()).isEqualTo(T0.plusSeconds(60));
                assertThat(late.getClosedAt()).isEqualTo(T0.plusSeconds(95));
            });
            assertThat(iot.metricTotal("late-records-total")).isEqualTo(1);
            // Still a reading of the device: it keeps it from being silent and is in its own readings window.
            assertThat(iot.device("dev-b")).isNotNull();
            iot.read(reading("dev-a", 23, T0.plusSeconds(160)));
            assertThat(iot.siteStats()).singleElement().satisfies(stats -> {
                assertThat(stats.getWindowStart()).isEqualTo(T0.plusSeconds(60));
                assertThat(stats.getCount()).isEqualTo(1);
            });
        }
    }

    /**
     * With one device in memory and two reporting in turn, every reading finds its device evicted and reads it
     * back from the stores (the drift window from its chunks, slots reused as it wraps): what a restarted task
     * does. Every alert and status must equal those of a run that kept both in memory.
     */
    @Test
    void aDeviceReadBackFromItsStoresDecidesEveryReadingAsTheOneKeptInMemory() {
        IotProperties evicting = new IotProperties();
        evicting.getDevices().setInMemoryPerTask(1);
        List<DeviceAlert> inMemory;
        List<DeviceStatus> inMemoryStatuses;
        try (IotDriver iot = new IotDriver()) {
            sawtoothsWithSpikes(iot);
            inMemory = iot.alerts();
            inMemoryStatuses = iot.statusUpdates();
        }
        try (IotDriver iot = new IotDriver(evicting.toSettings())) {
            sawtoothsWithSpikes(iot);
            assertThat(iot.alerts()).isEqualTo(inMemory);
            assertThat(iot.statusUpdates()).isEqualTo(inMemoryStatuses);
        }
        assertThat(inMemory).filteredOn(alert -> alert.getType() == DeviceAlertType.DRIFT).hasSizeGreaterThanOrEqualTo(4);
        assertThat(inMemory).filteredOn(alert -> alert.getType() == DeviceAlertType.SPIKE).isNotEmpty();
        assertThat(inMemory).filteredOn(alert -> alert.getType() == DeviceAlertType.THRESHOLD_BREACH).isNotEmpty();
    }

    /** Two devices, a reading a minute each: rising 0.1 °C a minute for 150 minutes, then back down, noise and spikes. */
    private static void sawtoothsWithSpikes(IotDriver iot) {
        iot.register(registration("dev-a", 15, 30, 60_000), registration("dev-b", 15, 30, 60_000));
        SplittableRandom noise = new SplittableRandom(11);
        for (int minute = 0; minute < 700; minute++) {
            for (String device : List.of("dev-a", "dev-b")) {
                int phase = (minute + (device.equals("dev-a") ? 0 : 40)) % 200;
                double level = phase < 150 ? 16 + 0.1 * phase : 31 - 0.3 * (phase - 150);
                double value = level + noise.nextGaussian() * 0.05 + (noise.nextInt(97) == 0 ? 8 : 0);
                iot.read(reading(device, value, T0.plus(Duration.ofMinutes(minute))));
            }
        }
    }

    /**
     * 100 000 devices watched over 32 punctuations: a punctuator scanning the device store would make
     * 3 200 000 silence checks (store reads); this one reads the index entry and the state of each
     * device that is due, plus one seek per punctuation. The population is a system property
     * ({@code -Diot.silence-test.devices=5000} for a quick run).
     */
    @Test
    void aHundredThousandDevicesCostThePunctuatorTwoStoreReadsPerDueDeviceNotAScanOfTheStore() {
        CountingStores stores = new CountingStores();
        try (IotDriver iot = new IotDriver(IotSettings.defaults(), IotStores.inMemory(stores))) {
            int devices = Integer.getInteger("iot.silence-test.devices", 100_000);
            int fast = 100;
            int punctuations = 32;
            for (int i = 0; i < devices; i++) {
                String id = String.format("dev-%06d", i);
                iot.register(registration(id, 15, 30, i < fast ? 5_000 : 600_000));
                iot.read(reading(id, 20, T0));
            }
            long before = punctuatorReads(stores);

            // Only the five-second devices fall due (after 15 s).
            for (int second = 0; second < punctuations; second++) {
                iot.advanceWallClock(Duration.ofSeconds(1));
            }
            long checked = punctuatorReads(stores) - before;
            assertThat(iot.alerts(DeviceAlertType.SILENT)).hasSize(fast);
            assertThat(checked).as("reads for %d due devices in %d punctuations", fast, punctuations)
                    .isLessThanOrEqualTo(2L * fast + punctuations)
                    .isLessThan((long) devices * punctuations / 100);

            // Then all the others at once (due 1 800 s after their reading), at most 10 000 per punctuation.
            iot.advanceWallClock(Duration.ofSeconds(1800 - punctuations - 1));
            assertThat(iot.alerts(DeviceAlertType.SILENT)).hasSize(fast);
            long beforeAll = punctuatorReads(stores);
            int rounds = 0;
            while (iot.alerts(DeviceAlertType.SILENT).size() < devices && rounds < 100) {
                iot.advanceWallClock(Duration.ofSeconds(1));
                rounds++;
            }
            long allChecked = punctuatorReads(stores) - beforeAll;
            assertThat(iot.alerts(DeviceAlertType.SILENT)).hasSize(devices);
            assertThat(rounds).isEqualTo((devices - fast + 9_999) / 10_000);
            assertThat(allChecked).isLessThanOrEqualTo(2L * (devices - fast) + rounds);
        }
    }

    private static long punctuatorReads(CountingStores stores) {
        return stores.reads(IotTopics.DEVICES_STORE) + stores.reads(IotTopics.SILENCE_DUE_STORE);
    }
}
