package io.streamsuite.iot.device;

import io.streamsuite.iot.sites.SiteReading;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceStatus;
import java.util.List;

/**
 * What the device stage sends on: alerts for iot.alerts, the status when it changed, and the reading
 * for its site window (null from the silence punctuator).
 */
public record DeviceOutcome(List<DeviceAlert> alerts, DeviceStatus status, String siteKey, SiteReading siteReading) {
}
