package io.streamsuite.simulator.iot;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.Thresholds;
import io.streamsuite.simulator.event.Disorder;
import io.streamsuite.simulator.event.DomainGenerator;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Sensor readings keyed by device id, from a registry of devices (sent first). Each device reports on its own
 * expected interval (a little jitter), inside its thresholds with daily swing and noise. Some devices misbehave:
 * drifting ones creep past their maximum over the first simulated hour, spiking ones jump far out of range now
 * and then, silent ones stop reporting at some point in the first 30 simulated minutes. The number of devices
 * follows the simulated rate (their reporting intervals add up to it), not the population setting.
 */
public final class IotGenerator implements DomainGenerator {

    public static final String DOMAIN = "iot";

    /** How a device behaves. */
    public enum Behaviour { NORMAL, DRIFTING, SPIKING, SILENT }

    private record Kind(SensorType type, String unit, String model, double min, double max) {
    }

    private static final Kind[] KINDS = {
        new Kind(SensorType.TEMPERATURE, "C", "TH-200", 15, 30),
        new Kind(SensorType.HUMIDITY, "%", "HY-10", 30, 60),
        new Kind(SensorType.PRESSURE, "hPa", "BP-5", 980, 1040),
        new Kind(SensorType.VIBRATION, "mm/s", "VX-3", 0, 7),
        new Kind(SensorType.CO2, "ppm", "CO2-S8", 400, 1000),
    };
    private static final long[] INTERVALS_MS = {5_000, 10_000, 15_000, 30_000, 60_000};
    private static final int MAX_DEVICES = 200_000;

    private final SplittableRandom random;
    private final Disorder disorder;
    private final long startMs;
    private final List<Device> devices = new ArrayList<>();
    private final List<SimEvent> registrations = new ArrayList<>();
    private final PriorityQueue<Device> due = new PriorityQueue<>(
            Comparator.comparingLong((Device d) -> d.nextDueMs).thenComparingInt(d -> d.index));

    /** A registered device and where it is in its life. */
    public static final class Device {
        final int index;
        final String deviceId;
        final Kind kind;
        final long intervalMs;
        final Behaviour behaviour;
        final long silentFromMs;
        final String firmware;
        double battery;
        long nextDueMs;

        Device(int index, String deviceId, Kind kind, long intervalMs, Behaviour behaviour, long silentFromMs,
               String firmware, double battery, long nextDueMs) {
            this.index = index;
            this.deviceId = deviceId;
            this.kind = kind;
            this.intervalMs = intervalMs;
            this.behaviour = behaviour;
            this.silentFromMs = silentFromMs;
            this.firmware = firmware;
            this.battery = battery;
            this.nextDueMs = nextDueMs;
        }

        public String deviceId() {
            return deviceId;
        }

        public Behaviour behaviour() {
            return behaviour;
        }

        /** When a silent device sends its last reading; Long.MAX_VALUE for the others. */
        public long silentFromMs() {
            return silentFromMs;
        }
    }

    public IotGenerator(GeneratorSettings settings) {
        this.random = new SplittableRandom(settings.seedFor(DOMAIN));
        this.disorder = new Disorder(settings);
        this.startMs = settings.start().toEpochMilli();
        double perSecond = 0;
        while (perSecond < settings.eventsPerSecond() && devices.size() < MAX_DEVICES) {
            Device device = newDevice(devices.size());
            devices.add(device);
            due.add(device);
            perSecond += 1000.0 / device.intervalMs;
        }
        long registeredAt = startMs - 86_400_000L;
        for (Device device : devices) {
            DeviceRegistration registration = new DeviceRegistration(device.deviceId, "site-" + String.format("%02d", device.index % 12 + 1),
                    device.kind.model(), device.kind.type(), new Thresholds(device.kind.min(), device.kind.max()), device.intervalMs);
            registrations.add(new SimEvent(DOMAIN, DomainTopics.IOT_DEVICE_REGISTRATIONS, device.deviceId, registration,
                    registeredAt, SimEvent.Kind.REFERENCE, null));
        }
    }

    @Override
    public String domain() {
        return DOMAIN;
    }

    @Override
    public String streamTopic() {
        return DomainTopics.IOT_SENSOR_READINGS;
    }

    @Override
    public String referenceTopic() {
        return DomainTopics.IOT_DEVICE_REGISTRATIONS;
    }

    /** One DeviceRegistration per device, stamped a day before the first reading. */
    @Override
    public List<SimEvent> referenceData() {
        return registrations;
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public SimEvent next() {
        Device device = due.poll();
        long now = device.nextDueMs + random.nextInt(500);
        device.nextDueMs += device.intervalMs;
        if (device.nextDueMs <= device.silentFromMs) {
            due.add(device);
        }
        Disorder.Timing timing = disorder.timing(device.deviceId, now, random);
        device.battery = Math.max(1, device.battery - 0.002);
        SensorReading reading = new SensorReading(device.deviceId, device.kind.type(), value(device, timing.eventTimeMs()),
                device.kind.unit(), device.index % 4 != 0 ? round(device.battery) : null,
                Instant.ofEpochMilli(timing.eventTimeMs()), device.firmware);
        return new SimEvent(DOMAIN, DomainTopics.IOT_SENSOR_READINGS, device.deviceId, reading, timing.eventTimeMs(),
                timing.kind(), null);
    }

    private double value(Device device, long at) {
        Kind kind = device.kind;
        double range = kind.max() - kind.min();
        double hours = (at - startMs) / 3_600_000.0;
        double centre = kind.min() + range / 2 + Math.sin(hours / 24 * 2 * Math.PI) * range * 0.2;
        double value = centre + random.nextGaussian() * range * 0.05;
        switch (device.behaviour) {
            case DRIFTING -> value += range * 0.8 * Math.min(hours, 3);
            case SPIKING -> {
                if (random.nextDouble() < 0.05) {
                    value = kind.max() + range * (0.5 + random.nextDouble() * 1.5);
                }
            }
            default -> {
            }
        }
        return round(Math.max(kind.type() == SensorType.VIBRATION ? 0 : Double.NEGATIVE_INFINITY, value));
    }

    private Device newDevice(int index) {
        Kind kind = KINDS[random.nextInt(KINDS.length)];
        long interval = INTERVALS_MS[random.nextInt(INTERVALS_MS.length)];
        double roll = random.nextDouble();
        Behaviour behaviour = index == 0 ? Behaviour.NORMAL : roll < 0.04 ? Behaviour.DRIFTING : roll < 0.08 ? Behaviour.SPIKING
                : roll < 0.11 ? Behaviour.SILENT : Behaviour.NORMAL;
        long silentFrom = behaviour == Behaviour.SILENT ? startMs + random.nextLong(30 * 60_000L) : Long.MAX_VALUE;
        String firmware = random.nextDouble() < 0.6 ? "3.2." + random.nextInt(6) : null;
        long firstDue = startMs + random.nextLong(interval);
        return new Device(index, String.format("dev-%05d", index), kind, interval, behaviour, silentFrom, firmware,
                40 + random.nextDouble() * 60, firstDue);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
