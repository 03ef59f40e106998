package io.streamsuite.iot.device;

import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import java.util.List;
import java.util.Set;

/**
 * What one reading does, decided before anything is written: the device's next state, the alerts
 * it raises or clears, the open conditions that end, and whether its published status changes.
 *
 * @param opened           alerts that open a condition (kept in the active-alerts store until it ends)
 * @param ended            condition types that end with this reading
 * @param countsForSite    true when this is the device's first reading in its site window
 */
public record ReadingDecision(MonitoredDevice next, List<DeviceAlert> alerts, List<DeviceAlert> opened,
                              Set<DeviceAlertType> ended, boolean statusChanged, boolean countsForSite) {
}
