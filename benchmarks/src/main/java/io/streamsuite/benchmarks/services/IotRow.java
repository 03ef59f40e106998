package io.streamsuite.benchmarks.services;

import io.streamsuite.benchmarks.Drain;
import io.streamsuite.benchmarks.Latencies;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.benchmarks.Row;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceState;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.SensorReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * iot-monitor's row, in two phases on one service.
 *
 * <p>Live: the simulator in real time ({@code --real-time}, a start 30 s back, then live) while the service runs.
 * A silent device's detection delay = the append time of its SILENT {@code iot.device-status} record (that topic
 * uses LogAppendTime for this run) − (its last reading's event time + 3 × its registered interval). Counted are the
 * devices the ids file calls SILENT whose last reading was sent live and whose due time lies 10 s or more before
 * the simulator stopped; the observation runs 30 s past that.
 *
 * <p>Drain: the simulator then pre-fills the same topic; the passthrough and the restarted service drain it.
 */
public final class IotRow {

    static final String SECTION = "7 iot-monitor";
    static final String MODULE = "iot-monitor";
    static final String READINGS = "iot.sensor-readings";
    static final String REGISTRATIONS = "iot.device-registrations";
    static final String DEVICE_STATUS = "iot.device-status";
    /** iot-monitor's iot.silence.factor. */
    static final int SILENCE_FACTOR = 3;
    private static final long LIVE_AFTER_MS = 10_000;
    private static final long DUE_BEFORE_END_MS = 10_000;
    private static final long OBSERVE_AFTER_MS = 30_000;

    private final ServiceBench bench;
    private final int port;
    private final double liveRate;
    private final int liveSeconds;

    public IotRow(ServiceBench bench, int port, double liveRate, int liveSeconds) {
        this.bench = bench;
        this.port = port;
        this.liveRate = liveRate;
        this.liveSeconds = liveSeconds;
    }

    public void run() {
        var kafka = bench.kafka();
        // Append times say when a reading reached the broker (the service places readings by their payload's time).
        kafka.createTopics(3, Map.of("retention.ms", "-1", "message.timestamp.type", "LogAppendTime"), READINGS);
        kafka.createTopics(3, Map.of("cleanup.policy", "compact"), REGISTRATIONS);
        // The end of the detection interval: when the broker appended the SILENT status.
        kafka.createTopics(3, Map.of("cleanup.policy", "compact", "message.timestamp.type", "LogAppendTime"), DEVICE_STATUS);
        ServiceProcess service = bench.start(MODULE, port, "a");
        service.awaitReady(Duration.ofMinutes(5));
        livePhase();
        long committedLive = kafka.committed(MODULE, READINGS);
        bench.stop(service);
        kafka.awaitGroupEmpty(MODULE, Duration.ofMinutes(2));

        long records = bench.records();
        ServiceBench.say("iot-monitor: " + records + " readings from the simulator, then the drains ...");
        bench.simulator("simulator-iot-prefill", List.of("--domains=iot", "--count=" + records, "--rate=0",
                "--seed=" + (bench.seed() + 1), "--start=" + Instant.now(), "--poison-share=0"), Duration.ofMinutes(30));
        Drain limit = bench.passthrough(READINGS, "iot");
        service = bench.start(MODULE, port, "a");
        Drain drain = bench.drain(service, MODULE, READINGS, committedLive);
        bench.drainRows(SECTION, READINGS, limit, drain);
        bench.stop(service);
    }

    private void livePhase() {
        Path ids = bench.data().resolve("iot-live-ids.txt");
        long liveStart = System.currentTimeMillis();
        ServiceBench.say("iot-monitor: the simulator live at " + liveRate + " readings/s for " + liveSeconds
                + " s (silent devices) ...");
        ChildProcess simulator = bench.startSimulator("simulator-iot-live", List.of("--domains=iot",
                "--rate=" + liveRate, "--seed=" + bench.seed(), "--start=" + Instant.ofEpochMilli(liveStart - 30_000),
                "--real-time", "--duration=" + liveSeconds + "s", "--ids-file=" + ids, "--poison-share=0"));
        long deadline = System.nanoTime() + Duration.ofSeconds(liveSeconds + 180L).toNanos();
        while (simulator.isAlive() && System.nanoTime() < deadline) {
            Processes.sleep(200);
        }
        long liveEnd = System.currentTimeMillis();
        if (simulator.isAlive()) {
            throw new IllegalStateException("the live simulator did not stop; see " + simulator.logFile());
        }
        // The observation window: a SILENT status appended up to this long after the simulator stopped still counts.
        Processes.sleep(OBSERVE_AFTER_MS);

        AvroSerdes serdes = bench.serdes();
        Deserializer<SensorReading> readings = serdes.valueSerde(SensorReading.class).deserializer();
        Deserializer<DeviceRegistration> registrations = serdes.valueSerde(DeviceRegistration.class).deserializer();
        Deserializer<DeviceStatus> statuses = serdes.valueSerde(DeviceStatus.class).deserializer();
        // Per device: when the broker appended each reading (the topic uses LogAppendTime; the service reads the
        // payload's event time), and the event time of its last one.
        Map<String, List<Long>> appended = new HashMap<>();
        Map<String, Long> lastEvent = new HashMap<>();
        Latencies sendLag = new Latencies();
        for (ConsumerRecord<byte[], byte[]> record : bench.kafka().readAll(READINGS)) {
            SensorReading reading = readings.deserialize(READINGS, record.value());
            long eventTime = reading.getEventTime().toEpochMilli();
            appended.computeIfAbsent(reading.getDeviceId(), d -> new ArrayList<>()).add(record.timestamp());
            lastEvent.merge(reading.getDeviceId(), eventTime, Math::max);
            if (eventTime >= liveStart) {
                sendLag.add(record.timestamp() - eventTime);
            }
        }
        appended.values().forEach(Collections::sort);
        Map<String, Long> interval = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : bench.kafka().readAll(REGISTRATIONS)) {
            DeviceRegistration registration = registrations.deserialize(REGISTRATIONS, record.value());
            interval.put(registration.getDeviceId(), registration.getExpectedIntervalMs());
        }
        Map<String, Long> firstSilent = new HashMap<>();
        Set<String> heardWhenCalledSilent = new HashSet<>();
        Set<String> calledSilentWhileLive = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : bench.kafka().readAll(DEVICE_STATUS)) {
            DeviceStatus status = record.value() == null ? null : statuses.deserialize(DEVICE_STATUS, record.value());
            if (status == null || status.getStatus() != DeviceState.SILENT) {
                continue;
            }
            String device = status.getDeviceId();
            long at = record.timestamp();
            List<Long> heard = appended.getOrDefault(device, List.of());
            if (!heard.isEmpty() && at >= heard.get(heard.size() - 1)) {
                firstSilent.merge(device, at, Math::min);
            }
            if (at < liveEnd) {
                calledSilentWhileLive.add(device);
                // A false alarm: the broker had a reading of the device less than 3 intervals before.
                Long every = interval.get(device);
                long lastBefore = lastAtOrBefore(heard, at);
                if (every != null && lastBefore >= 0 && at - lastBefore < SILENCE_FACTOR * every) {
                    heardWhenCalledSilent.add(device);
                }
            }
        }
        Map<String, String> behaviour = behaviours(ids);
        Latencies delays = new Latencies();
        int eligible = 0;
        int missed = 0;
        for (Map.Entry<String, String> device : behaviour.entrySet()) {
            Long last = lastEvent.get(device.getKey());
            Long every = interval.get(device.getKey());
            if (!"SILENT".equals(device.getValue()) || last == null || every == null) {
                continue;
            }
            List<Long> heard = appended.get(device.getKey());
            long due = heard.get(heard.size() - 1) + SILENCE_FACTOR * every;
            if (last < liveStart + LIVE_AFTER_MS || due > liveEnd - DUE_BEFORE_END_MS) {
                continue;
            }
            eligible++;
            Long detected = firstSilent.get(device.getKey());
            if (detected == null) {
                missed++;
            } else {
                delays.add(detected - due);
            }
        }
        long falseSilent = behaviour.entrySet().stream()
                .filter(d -> !"SILENT".equals(d.getValue()) && heardWhenCalledSilent.contains(d.getKey())).count();
        long gapSilent = behaviour.entrySet().stream()
                .filter(d -> !"SILENT".equals(d.getValue()) && calledSilentWhileLive.contains(d.getKey())).count() - falseSilent;
        var results = bench.results();
        String load = " at " + liveRate + " readings/s live";
        if (delays.count() > 0) {
            results.add(new Row(SECTION, "silent-device detection delay p50 (" + delays.count() + " devices)",
                    delays.percentile(0.50), "ms", "", Double.NaN, null, null));
            results.add(new Row(SECTION, "silent-device detection delay max" + load, delays.percentile(1.0), "ms",
                    "", Double.NaN, null, null));
        }
        results.add(new Row(SECTION, "silent devices reported SILENT", eligible - missed, "devices",
                "silent devices eligible", eligible, "all", eligible > 0 ? missed == 0 : null));
        results.add(new Row(SECTION, "healthy devices called SILENT though heard < 3 intervals before", falseSilent, "devices",
                "devices not made silent", behaviour.values().stream().filter(b -> !"SILENT".equals(b)).count(),
                "0", falseSilent == 0));
        results.note("iot-monitor detection delay = append time of the first SILENT iot.device-status record − "
                + "(append time of the device's last reading + " + SILENCE_FACTOR + " × registered interval), both topics "
                + "LogAppendTime for the run; the simulator's send lag (append − event time) p50 "
                + Row.format(sendLag.percentile(0.5)) + " ms, p99 " + Row.format(sendLag.percentile(0.99)) + " ms; "
                + gapSilent + " healthy devices called SILENT after a real gap of 3 intervals in what the broker received "
                + "(the simulator starved), not counted as false; "
                + "the simulator ran --real-time from 30 s back, " + behaviour.size() + " devices; eligible = made SILENT "
                + "by the simulator, last reading sent live (≥ " + LIVE_AFTER_MS / 1000 + " s after start), due ≥ "
                + DUE_BEFORE_END_MS / 1000 + " s before it stopped; watched " + OBSERVE_AFTER_MS / 1000
                + " s past that; the punctuator checks every 250 ms (iot.silence.check-interval)");
    }

    /** The latest of the sorted times at or before {@code at}, or -1. */
    static long lastAtOrBefore(List<Long> sorted, long at) {
        int i = Collections.binarySearch(sorted, at);
        int index = i >= 0 ? i : -i - 2;
        return index >= 0 ? sorted.get(index) : -1;
    }

    /** Device id → behaviour, from the simulator's {@code # iot-device <id> <BEHAVIOUR>} lines. */
    private static Map<String, String> behaviours(Path ids) {
        Map<String, String> devices = new HashMap<>();
        try {
            for (String line : Files.readAllLines(ids)) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("#") && parts[1].equals("iot-device")) {
                    devices.put(parts[2], parts[3]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the simulator's ids file " + ids, e);
        }
        return devices;
    }
}
