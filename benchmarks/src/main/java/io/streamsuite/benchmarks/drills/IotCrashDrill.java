package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceState;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.SiteStats;
import io.streamsuite.schemas.iot.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * iot-monitor killed with SIGKILL twice while devices report, beside an uninterrupted run on the same input (its own
 * broker, see {@link CrashPair}); afterwards both runs hold the same alerts and the same status history per device,
 * and no transition alert twice.
 *
 * <p>Everything but silence is a function of each device's reading sequence (alert ids are device, type, event time),
 * so it compares exactly. Silence is decided by the wall clock, so the input is shaped to make it exact as well:
 * <ul>
 *   <li>Healthy devices report every 0.5 s against an expected 4 s (silent after 12 s): a kill's downtime cannot make
 *   them silent, since the service counts from its own restart and only calls a device silent once the partition's
 *   traffic has moved 12 s past it (or the partition was quiet 12 s).</li>
 *   <li>A device that falls silent mid-stream and comes back sends its next reading only once both runs have
 *   published it SILENT: the resumption is gated on the outputs, so neither run can miss the silence because it was
 *   down, and the SILENT alert (id: device, type, last event time) is the same fact in both.</li>
 *   <li>At the end every device stops, and the drill waits until every device is SILENT in both runs: the final
 *   state is then reached by both, whichever run noticed first.</li>
 * </ul>
 * What stays wall-clock (when a silence was detected, and the message saying for how many seconds) is left out.
 */
final class IotCrashDrill {

    static final String MODULE = "iot-monitor";
    static final String READINGS = "iot.sensor-readings";
    static final String REGISTRATIONS = "iot.device-registrations";
    private static final long INTERVAL_MS = 4_000;
    private static final long ROUND_MS = 500;
    /** iot-monitor's default site window and grace. */
    private static final long SITE_WINDOW_MS = 60_000;
    private static final long SITE_GRACE_MS = 30_000;
    /** How long the feed may go on after its rounds for the gates (a restart takes over a minute on a loaded machine). */
    private static final int OVERTIME_ROUNDS = 600;

    /** What each device does; healthy ones just report. */
    enum Kind { HEALTHY, BREACH, SPIKE, DRIFT, BATTERY, SILENT, FLAPPING }

    private IotCrashDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        long started = System.nanoTime();
        DrillResult result = new DrillResult("iot crash (kill -9 × 2, iot-monitor)");
        KafkaOps crashedKafka = stack.kafka();
        KafkaOps referenceKafka = stack.referenceKafka();
        for (KafkaOps kafka : List.of(crashedKafka, referenceKafka)) {
            kafka.createTopics(3, Map.of(), READINGS, IotOutputs.ALERTS, IotOutputs.SITE_STATS, IotOutputs.LATE_SITE_READINGS);
            kafka.createTopics(3, Map.of("cleanup.policy", "compact"), REGISTRATIONS, IotOutputs.STATUS);
        }
        Random random = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < sizes.iotDevices(); i++) {
            kinds.add(i % 10 < 4 ? Kind.HEALTHY : Kind.values()[i % 10 - 3]);
        }
        try (TwinInput input = new TwinInput(stack.directRegistryUrl(), crashedKafka, referenceKafka)) {
            // Registered before either run starts: the global table holds every device from the first reading on.
            for (int i = 0; i < kinds.size(); i++) {
                input.send(REGISTRATIONS, device(i), DeviceRegistration.newBuilder().setDeviceId(device(i))
                        .setSite("site-" + i % 3).setModel("drill").setSensorType(SensorType.TEMPERATURE)
                        .setThresholds(new Thresholds(0.0, 50.0)).setExpectedIntervalMs(INTERVAL_MS).build());
            }
            input.flush();
            try (CrashPair runs = CrashPair.start(stack, MODULE, Map.of())) {
                IotOutputs crashed = new IotOutputs(crashedKafka, stack.directRegistryUrl());
                IotOutputs reference = new IotOutputs(referenceKafka, stack.directRegistryUrl());
                Set<String> silentInBoth = ConcurrentHashMap.newKeySet();
                Feed feed = new Feed(input, kinds, random, sizes.iotRounds(), silentInBoth);
                Thread feeding = new Thread(feed, "iot-drill-feed");
                feeding.start();
                stack.log("iot: feeding " + kinds.size() + " devices");
                int firstKill = 15 + random.nextInt(15);
                int secondKill = 40 + random.nextInt(15);
                long readySince = -1;
                long firstKillAt = -1;
                long secondKillAt = -1;
                while (feeding.isAlive()) {
                    int round = feed.round();
                    if (runs.kills() == 1 && readySince < 0 && runs.crashedReady()) {
                        readySince = System.nanoTime();
                    }
                    // The second kill lands once the restarted instance has been processing for a while again.
                    if (runs.kills() == 0 && round >= firstKill || runs.kills() == 1 && round >= secondKill
                            && readySince > 0 && System.nanoTime() - readySince > 5_000_000_000L) {
                        runs.killAndRestart();
                    }
                    if (runs.kills() >= 1 && firstKillAt < 0) {
                        firstKillAt = System.currentTimeMillis();
                    }
                    if (runs.kills() == 2 && secondKillAt < 0) {
                        secondKillAt = System.currentTimeMillis();
                    }
                    // On until the site window of the second kill has closed (its end plus the grace, in event time).
                    if (runs.kills() == 2 && System.currentTimeMillis() >= windowStart(secondKillAt) + SITE_WINDOW_MS + SITE_GRACE_MS + 5_000) {
                        feed.mayEnd();
                    }
                    int before = silentInBoth.size();
                    watchSilence(crashed, reference, silentInBoth);
                    if (silentInBoth.size() != before) {
                        stack.log("iot: round " + round + ", SILENT in both runs: " + new java.util.TreeSet<>(silentInBoth));
                    }
                    Processes.sleep(500);
                }
                if (feed.failure() != null) {
                    throw new IllegalStateException(feed.failure());
                }
                stack.log("iot: feed done after " + feed.round() + " rounds, " + feed.sent() + " readings; waiting until all silent");
                runs.awaitCrashedReady();
                long stoppedAt = System.nanoTime();
                awaitAllSilent(crashed, reference, kinds.size());
                result.count("seconds to all silent after the last reading", (System.nanoTime() - stoppedAt) / 1_000_000_000L);
                runs.awaitDrained(READINGS);
                Map<String, Long> expectedWindows = feed.closedWindows(SITE_GRACE_MS);
                awaitSiteWindows(crashed, reference, expectedWindows.size());
                stack.log("iot: every device SILENT in both runs, both drained, " + expectedWindows.size()
                        + " site windows closed in both; comparing");
                result.count("kills", runs.kills()).count("devices", kinds.size()).count("readings", feed.sent())
                        .count("resumed after SILENT", feed.resumed());
                compare(result, crashed, reference, kinds);
                compareSites(result, crashed, reference, expectedWindows);
                result.expect(expectedWindows.containsKey(IotOutputs.window("site-0", SensorType.TEMPERATURE.toString(), windowStart(firstKillAt)))
                                && expectedWindows.containsKey(IotOutputs.window("site-0", SensorType.TEMPERATURE.toString(), windowStart(secondKillAt))),
                        "the site windows of both kills are among those compared");
                result.expect(runs.kills() == 2, "2 kills done");
                result.expect(feed.resumed() == kinds.stream().filter(k -> k == Kind.FLAPPING).count(),
                        "every flapping device came back after both runs had it SILENT");
            }
        }
        result.count("seconds", (System.nanoTime() - started) / 1_000_000_000L);
        return result;
    }

    private static void compare(DrillResult result, IotOutputs crashed, IotOutputs reference, List<Kind> kinds) {
        List<DeviceAlert> crashedAlerts = crashed.alerts();
        List<DeviceAlert> referenceAlerts = reference.alerts();
        List<String> crashedFacts = new ArrayList<>(crashedAlerts.stream().map(IotOutputs::fact).sorted().toList());
        List<String> referenceFacts = new ArrayList<>(referenceAlerts.stream().map(IotOutputs::fact).sorted().toList());
        result.count("alerts", crashedAlerts.size()).count("reference alerts", referenceAlerts.size());
        List<String> onlyCrashed = new ArrayList<>(crashedFacts);
        onlyCrashed.removeAll(referenceFacts);
        if (!onlyCrashed.isEmpty()) {
            System.out.println("iot: crashed-run alerts not in the reference: " + onlyCrashed);
        }
        result.expect(crashedFacts.equals(referenceFacts), "the alerts equal those of the uninterrupted run");
        long duplicates = duplicates(crashedAlerts) + duplicates(referenceAlerts);
        result.count("duplicate alerts", duplicates);
        result.expect(duplicates == 0, "no alert (transition) published twice in either run");

        long flapping = kinds.stream().filter(k -> k == Kind.FLAPPING).count();
        Map<DeviceAlertType, Long> byType = new HashMap<>();
        crashedAlerts.forEach(a -> byType.merge(a.getType(), 1L, Long::sum));
        result.count("SILENT", byType.getOrDefault(DeviceAlertType.SILENT, 0L))
                .count("THRESHOLD_BREACH", byType.getOrDefault(DeviceAlertType.THRESHOLD_BREACH, 0L))
                .count("SPIKE", byType.getOrDefault(DeviceAlertType.SPIKE, 0L))
                .count("DRIFT", byType.getOrDefault(DeviceAlertType.DRIFT, 0L))
                .count("LOW_BATTERY", byType.getOrDefault(DeviceAlertType.LOW_BATTERY, 0L));
        result.expect(byType.getOrDefault(DeviceAlertType.SILENT, 0L) == kinds.size() + flapping,
                "one SILENT per device at the end and one more per flapping device, no more");
        result.expect(byType.getOrDefault(DeviceAlertType.THRESHOLD_BREACH, 0L) == 2 * count(kinds, Kind.BREACH),
                "a breach start and a clear per breaching device");
        result.expect(byType.getOrDefault(DeviceAlertType.LOW_BATTERY, 0L) == count(kinds, Kind.BATTERY),
                "one LOW_BATTERY per draining battery");
        result.expect(byType.getOrDefault(DeviceAlertType.DRIFT, 0L) >= count(kinds, Kind.DRIFT), "rising devices drift");
        result.expect(byType.getOrDefault(DeviceAlertType.SPIKE, 0L) >= count(kinds, Kind.SPIKE), "spikes alerted");
        long healthyAlerted = crashedAlerts.stream().filter(a -> a.getType() != DeviceAlertType.SILENT
                && kinds.get(Integer.parseInt(a.getDeviceId().substring(2))) == Kind.HEALTHY).count();
        result.count("alerts on healthy devices (but the final SILENT)", healthyAlerted);
        result.expect(healthyAlerted == 0, "no healthy device alerted");

        Map<String, List<String>> crashedStatuses = crashed.statusHistory();
        Map<String, List<String>> referenceStatuses = reference.statusHistory();
        result.count("status changes", crashedStatuses.values().stream().mapToInt(List::size).sum())
                .count("reference status changes", referenceStatuses.values().stream().mapToInt(List::size).sum());
        result.expect(crashedStatuses.equals(referenceStatuses),
                "every device's status history (state, site, last seen, last value, alert count) equals the uninterrupted run's");
    }

    /**
     * Site windows: every window the input has closed (all partitions idle at the end, so up to the last reading
     * minus the grace) holds every reading sent in it, in both runs, once; none is late. Before watermarks a
     * restart lost the readings of whichever partition restarted last ("Skipping record for expired window").
     */
    private static void compareSites(DrillResult result, IotOutputs crashed, IotOutputs reference, Map<String, Long> expected) {
        long sent = expected.values().stream().mapToLong(Long::longValue).sum();
        result.count("site windows closed", expected.size()).count("readings in closed site windows", sent);
        for (Map.Entry<String, IotOutputs> run : Map.of("crashed", crashed, "reference", reference).entrySet()) {
            List<SiteStats> stats = run.getValue().siteStats();
            Map<String, Long> counted = new TreeMap<>();
            long repeated = 0;
            for (SiteStats window : stats) {
                if (counted.put(IotOutputs.window(window), window.getCount()) != null) {
                    repeated++;
                }
            }
            counted.keySet().retainAll(expected.keySet());
            long total = counted.values().stream().mapToLong(Long::longValue).sum();
            List<String> lateRecords = run.getValue().lateSiteReadings();
            int late = lateRecords.size();
            if (late > 0) {
                System.out.println("iot: late site records of the " + run.getKey() + " run (first 5): "
                        + lateRecords.subList(0, Math.min(5, late)));
            }
            result.count(run.getKey() + " site readings counted", total).count(run.getKey() + " late site readings", late);
            result.expect(counted.equals(new TreeMap<>(expected)),
                    "every closed site window of the " + run.getKey() + " run counts every reading sent in it");
            result.expect(repeated == 0, "no site window published twice in the " + run.getKey() + " run");
            result.expect(late == 0, "no late site reading in the " + run.getKey() + " run");
        }
        List<String> crashedFacts = crashed.siteStats().stream().map(IotOutputs::fact)
                .filter(fact -> expected.containsKey(fact.substring(0, fact.indexOf(' ')))).sorted().toList();
        List<String> referenceFacts = reference.siteStats().stream().map(IotOutputs::fact)
                .filter(fact -> expected.containsKey(fact.substring(0, fact.indexOf(' ')))).sorted().toList();
        List<String> onlyCrashed = new ArrayList<>(crashedFacts);
        onlyCrashed.removeAll(referenceFacts);
        result.count("site windows differing from the uninterrupted run", onlyCrashed.size());
        if (!onlyCrashed.isEmpty()) {
            System.out.println("iot: crashed-run site windows not in the reference: " + onlyCrashed);
        }
        result.expect(crashedFacts.equals(referenceFacts),
                "the site windows (count, min, max, mean, devices reporting) equal those of the uninterrupted run");
    }

    private static void awaitSiteWindows(IotOutputs crashed, IotOutputs reference, int windows) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (crashed.siteStats().size() >= windows && reference.siteStats().size() >= windows) {
                return;
            }
            Processes.sleep(500);
        }
    }

    private static long count(List<Kind> kinds, Kind kind) {
        return kinds.stream().filter(k -> k == kind).count();
    }

    private static long duplicates(List<DeviceAlert> alerts) {
        Set<String> seen = new HashSet<>();
        return alerts.stream().filter(a -> !seen.add(a.getAlertId())).count();
    }

    private static void watchSilence(IotOutputs crashed, IotOutputs reference, Set<String> silentInBoth) {
        Map<String, DeviceState> a = crashed.latestStates();
        Map<String, DeviceState> b = reference.latestStates();
        a.forEach((device, state) -> {
            if (state == DeviceState.SILENT && b.get(device) == DeviceState.SILENT) {
                silentInBoth.add(device);
            }
        });
    }

    private static void awaitAllSilent(IotOutputs crashed, IotOutputs reference, int devices) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> silent = ConcurrentHashMap.newKeySet();
            watchSilence(crashed, reference, silent);
            if (silent.size() == devices) {
                return;
            }
            Processes.sleep(500);
        }
        throw new IllegalStateException("not every device was SILENT in both runs within 3 minutes of the last reading");
    }

    private static long windowStart(long time) {
        return time - time % SITE_WINDOW_MS;
    }

    static String device(int i) {
        return String.format("d-%03d", i);
    }

    /**
     * Sends a reading per reporting device every half second, in real time (event time = now). A flapping device stops
     * at its round and sends again only once {@code silentInBoth} names it; the feed ends after its rounds once every
     * flapping device has been back for a few rounds.
     */
    static final class Feed implements Runnable {

        private final TwinInput input;
        private final List<Kind> kinds;
        private final Random random;
        private final int rounds;
        private final Set<String> silentInBoth;
        private final Map<Integer, Boolean> resumedDevices = new ConcurrentHashMap<>();
        /** Readings sent per site window ({@link IotOutputs#window}). */
        private final Map<String, Long> perSiteWindow = new ConcurrentHashMap<>();
        private volatile long lastEventTime;
        private volatile int round;
        private volatile int sent;
        private volatile String failure;
        /** Set once the kills are done, so the feed is still running when the last one lands. */
        private final AtomicBoolean mayEnd = new AtomicBoolean();

        Feed(TwinInput input, List<Kind> kinds, Random random, int rounds, Set<String> silentInBoth) {
            this.input = input;
            this.kinds = kinds;
            this.random = random;
            this.rounds = rounds;
            this.silentInBoth = silentInBoth;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            int lastResume = -1;
            for (int r = 0; ; r++) {
                round = r;
                boolean allBack = true;
                for (int i = 0; i < kinds.size(); i++) {
                    Kind kind = kinds.get(i);
                    int stopAt = 18 + i % 15;
                    if (kind == Kind.SILENT && r >= stopAt) {
                        continue;
                    }
                    if (kind == Kind.FLAPPING && r >= stopAt && !resumedDevices.containsKey(i)) {
                        if (!silentInBoth.contains(device(i))) {
                            allBack = false;
                            continue;
                        }
                        resumedDevices.put(i, true);
                        lastResume = r;
                    }
                    send(i, kind, r);
                }
                if (r >= rounds && allBack && r >= lastResume + 6 && mayEnd.get()) {
                    break;
                }
                if (r > rounds + OVERTIME_ROUNDS) {
                    failure = "flapping devices not SILENT in both runs, or the kills not done, 5 minutes after the last round: "
                            + silentInBoth;
                    break;
                }
                long wait = (start + (r + 1) * ROUND_MS * 1_000_000 - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    Processes.sleep(wait);
                }
            }
            input.flush();
        }

        void mayEnd() {
            mayEnd.set(true);
        }

        private void send(int i, Kind kind, int r) {
            // Bounded noise (at most 1.7 σ of itself): a healthy device can never look like a 4 σ spike.
            double value = 20 + (random.nextDouble() - 0.5) * 0.6;
            double battery = 90;
            switch (kind) {
                case BREACH -> value = r >= 35 + i % 5 && r < 41 + i % 5 ? 55 : value;
                case SPIKE -> value = r == 40 + i % 5 ? value + 8 : value;
                // Rising towards max (50), levelling off at 45: however long the gates keep the feed going, no breach.
                case DRIFT -> value += 0.1 * Math.min(r, 250);
                case BATTERY -> battery = Math.max(1, 40 - 0.5 * r);
                default -> {
                }
            }
            long eventTime = System.currentTimeMillis();
            input.send(READINGS, device(i), SensorReading.newBuilder().setDeviceId(device(i))
                    .setSensorType(SensorType.TEMPERATURE).setValue(value).setUnit("C").setBattery(battery)
                    .setEventTime(Instant.ofEpochMilli(eventTime)).setFirmwareVersion(null).build());
            perSiteWindow.merge(IotOutputs.window("site-" + i % 3, SensorType.TEMPERATURE.toString(),
                    windowStart(eventTime)), 1L, Long::sum);
            lastEventTime = Math.max(lastEventTime, eventTime);
            sent++;
        }

        int round() {
            return round;
        }

        /** Readings per site window of the windows that close once every partition is idle after the last reading. */
        Map<String, Long> closedWindows(long graceMs) {
            Map<String, Long> closed = new TreeMap<>();
            perSiteWindow.forEach((window, count) -> {
                long start = Long.parseLong(window.substring(window.indexOf('@') + 1));
                if (start + SITE_WINDOW_MS <= lastEventTime - graceMs) {
                    closed.put(window, count);
                }
            });
            return closed;
        }

        int sent() {
            return sent;
        }

        long resumed() {
            return resumedDevices.size();
        }

        String failure() {
            return failure;
        }
    }
}
