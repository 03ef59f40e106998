package io.streamsuite.iot;

import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.Thresholds;
import java.time.Instant;

/** Test data that reads like the scenario: {@code Devices.reading("dev-1", 31.0, T0)}. */
public final class Devices {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    public static final String SITE = "site-01";

    private Devices() {
    }

    public static DeviceRegistration registration(String deviceId, double min, double max, long intervalMs) {
        return registration(deviceId, SITE, min, max, intervalMs);
    }

    public static DeviceRegistration registration(String deviceId, String site, double min, double max, long intervalMs) {
        return new DeviceRegistration(deviceId, site, "TH-200", SensorType.TEMPERATURE, new Thresholds(min, max), intervalMs);
    }

    public static SensorReading reading(String deviceId, double value, Instant at) {
        return reading(deviceId, value, at, null);
    }

    public static SensorReading reading(String deviceId, double value, Instant at, Double battery) {
        return new SensorReading(deviceId, SensorType.TEMPERATURE, value, "C", battery, at, null);
    }
}
