package io.streamsuite.iot.device;

import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import java.time.Instant;

/**
 * DeviceAlert construction and the keys of the active-alerts store. Alert ids are deterministic
 * (device, type, event time, raised or cleared), so a record processed again after a crash carries
 * the id it had.
 */
public final class Alerts {

    private Alerts() {
    }

    /** Key of a device's open condition of one type in the active-alerts store. */
    public static String activeKey(String deviceId, DeviceAlertType type) {
        return deviceId + "/" + type;
    }

    public static DeviceAlert raised(String deviceId, String site, DeviceAlertType type, Double value, Double threshold,
                                     String message, long eventTime, long detectedAt, Long predictedAt) {
        return build(deviceId, site, type, value, threshold, message, eventTime, detectedAt, predictedAt, false);
    }

    public static DeviceAlert cleared(String deviceId, String site, DeviceAlertType type, Double value, Double threshold,
                                      String message, long eventTime, long detectedAt) {
        return build(deviceId, site, type, value, threshold, message, eventTime, detectedAt, null, true);
    }

    private static DeviceAlert build(String deviceId, String site, DeviceAlertType type, Double value, Double threshold,
                                     String message, long eventTime, long detectedAt, Long predictedAt, boolean cleared) {
        return DeviceAlert.newBuilder()
                .setAlertId(deviceId + ":" + type + ":" + eventTime + (cleared ? ":cleared" : ""))
                .setDeviceId(deviceId)
                .setSite(site)
                .setType(type)
                .setValue(value)
                .setThreshold(threshold)
                .setMessage(message)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setCleared(cleared)
                .setPredictedAt(predictedAt == null ? null : Instant.ofEpochMilli(predictedAt))
                .build();
    }
}
