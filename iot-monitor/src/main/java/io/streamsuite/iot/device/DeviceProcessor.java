package io.streamsuite.iot.device;

import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.IotTopics;
import io.streamsuite.iot.sites.SiteKeys;
import io.streamsuite.iot.sites.SiteReading;
import io.streamsuite.kit.lookup.GlobalLookup;
import io.streamsuite.kit.punctuate.DueIndex;
import io.streamsuite.kit.stats.Summary;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.SensorReading;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The device stage, on readings keyed by device id: looks up the registration, lets
 * {@link DeviceMonitor} decide, then writes the device's state (in memory, stored at each commit:
 * {@link DeviceStates}), its place in the silence index, its status (derived, in memory), its readings
 * window and its open alerts, and forwards the outcome.
 * Deciding comes first and writing after, so a failure while deciding (and the dead letter that follows) leaves no
 * half-applied reading behind.
 *
 * <p>A wall-clock punctuator reads the silence index up to now: only devices that may have fallen
 * silent, never the whole device store.
 */
public final class DeviceProcessor implements Processor<String, SensorReading, String, DeviceOutcome> {

    private final IotSettings settings;
    private final DeviceMonitor monitor;
    private final long readingsWindowMs;

    private ProcessorContext<String, DeviceOutcome> context;
    private GlobalLookup<String, DeviceRegistration> registrations;
    private final DeviceStates devices;
    private DueIndex<String> silenceDue;
    private KeyValueStore<String, DeviceStatus> statuses;
    private KeyValueStore<String, DeviceStatus> siteDevices;
    private WindowStore<String, Summary> readings;
    private KeyValueStore<String, DeviceAlert> activeAlerts;
    private long watchingSince;
    /** Wall-clock time this task last processed a reading (kept in memory: a restart starts watching anew). */
    private long lastProcessedMs;
    /**
     * Event time of the reading this task processed last: how far the partition has got through its own
     * traffic. Not stream time (the newest event time ever seen): one reading stamped ahead of a backlog,
     * e.g. a live reading before an hour of replayed history, would leave every device of the backlog
     * "behind the partition" and let a mere stall of the thread call them silent.
     */
    private long lastProcessedEventTime = Long.MIN_VALUE;

    public DeviceProcessor(IotSettings settings) {
        this.settings = settings;
        this.monitor = new DeviceMonitor(settings);
        this.readingsWindowMs = settings.readingsWindow().toMillis();
        this.devices = new DeviceStates(settings.devicesInMemory());
    }

    @Override
    public void init(ProcessorContext<String, DeviceOutcome> context) {
        this.context = context;
        registrations = GlobalLookup.of(context, IotTopics.REGISTRATIONS_STORE);
        devices.init(context, IotTopics.DEVICES_STORE, IotTopics.TREND_CHUNKS_STORE, IotTopics.DEVICES_COMMIT_HOOK, this);
        KeyValueStore<Bytes, byte[]> due = context.getStateStore(IotTopics.SILENCE_DUE_STORE);
        silenceDue = DueIndex.of(due, Serdes.String());
        statuses = context.getStateStore(IotTopics.DEVICE_STATUS_STORE);
        siteDevices = context.getStateStore(IotTopics.SITE_DEVICES_STORE);
        readings = context.getStateStore(IotTopics.DEVICE_READINGS_STORE);
        activeAlerts = context.getStateStore(IotTopics.ACTIVE_ALERTS_STORE);
        rebuildStatuses();
        watchingSince = context.currentSystemTimeMs();
        lastProcessedMs = watchingSince;
        context.schedule(settings.silenceCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkSilence);
    }

    @Override
    public void process(Record<String, SensorReading> record) {
        String deviceId = record.key();
        SensorReading reading = record.value();
        long now = context.currentSystemTimeMs();
        lastProcessedMs = now;
        MonitoredDevice previous = devices.get(deviceId);
        long eventTime = reading.getEventTime().toEpochMilli();
        lastProcessedEventTime = eventTime;
        long windowStart = eventTime - Math.floorMod(eventTime, readingsWindowMs);
        Summary window = readings.fetch(deviceId, windowStart);
        ReadingDecision decision = monitor.onReading(deviceId, previous, reading, registrations.get(deviceId), now,
                watchingSince);
        Summary nextWindow = (window == null ? Summary.empty() : window).add(reading.getValue());
        // Each reading pushes the device's silence deadline later; its index entry stays where it is
        // unless the deadline came forward, and the punctuator refiles it when it comes up early.
        MonitoredDevice next = decision.next();
        next = next.dueAt(silenceDue.fileBy(deviceId, previous == null ? -1 : previous.dueAt(), next.dueAt()));
        DeviceStatus status = DeviceMonitor.status(deviceId, next);

        devices.put(deviceId, previous, next);
        readings.put(deviceId, nextWindow, windowStart);
        statuses.put(deviceId, status);
        if (previous != null && !previous.site().equals(next.site())) {
            siteDevices.delete(SiteKeys.device(previous.site(), deviceId));
        }
        siteDevices.put(SiteKeys.device(next.site(), deviceId), status);
        for (DeviceAlertType type : decision.ended()) {
            activeAlerts.delete(Alerts.activeKey(deviceId, type));
        }
        for (DeviceAlert alert : decision.opened()) {
            activeAlerts.put(Alerts.activeKey(deviceId, alert.getType()), alert);
        }
        context.forward(record.withValue(new DeviceOutcome(decision.alerts(), decision.statusChanged() ? status : null,
                SiteKeys.of(next.site(), reading.getSensorType()), new SiteReading(reading.getValue(), decision.countsForSite()))));
    }

    /**
     * The status stores hold no changelog: they are a function of the device store, which is restored
     * by the time a task initializes its processors.
     */
    private void rebuildStatuses() {
        clear(statuses);
        clear(siteDevices);
        devices.forEachStored((deviceId, device) -> {
            DeviceStatus status = DeviceMonitor.status(deviceId, device);
            statuses.put(deviceId, status);
            siteDevices.put(SiteKeys.device(device.site(), deviceId), status);
        });
    }

    private static void clear(KeyValueStore<String, DeviceStatus> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, DeviceStatus> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    /** Visits only the devices filed as due by now; each is decided, then written. */
    private void checkSilence(long now) {
        for (DueIndex.Due<String> due : silenceDue.due(now, settings.silenceMaxPerCheck())) {
            String deviceId = due.key();
            MonitoredDevice device = devices.get(deviceId);
            if (device == null || device.dueAt() != due.due()) {
                silenceDue.remove(deviceId, due.due());
                continue;
            }
            // Nothing processed since this task started: the partition has not moved past anyone.
            long partitionEventTime = lastProcessedEventTime == Long.MIN_VALUE ? device.lastEventTime() : lastProcessedEventTime;
            DeviceMonitor.SilenceCheck check = monitor.onCheck(deviceId, device, now, watchingSince,
                    partitionEventTime, lastProcessedMs);
            MonitoredDevice next = check.next();
            devices.put(deviceId, device, next);
            silenceDue.remove(deviceId, due.due());
            if (next.dueAt() >= 0) {
                silenceDue.add(deviceId, next.dueAt());
            }
            if (check.fellSilent()) {
                DeviceStatus status = DeviceMonitor.status(deviceId, next);
                statuses.put(deviceId, status);
                siteDevices.put(SiteKeys.device(next.site(), deviceId), status);
                activeAlerts.put(Alerts.activeKey(deviceId, DeviceAlertType.SILENT), check.alert());
                context.forward(new Record<>(deviceId, new DeviceOutcome(List.of(check.alert()), status, null, null), now));
            }
        }
    }
}
