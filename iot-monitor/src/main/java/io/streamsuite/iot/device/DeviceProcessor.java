package io.streamsuite.iot.device;

import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.IotTopics;
import io.streamsuite.iot.sites.SiteKeys;
import io.streamsuite.iot.sites.SiteReading;
import io.streamsuite.kit.lookup.GlobalLookup;
import io.streamsuite.kit.processor.AllOrNothingProcessor;
import io.streamsuite.kit.processor.RecordOutputs;
import io.streamsuite.kit.processor.SinkTopic;
import io.streamsuite.kit.punctuate.DueIndex;
import io.streamsuite.kit.stats.Summary;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.SensorReading;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The device stage, on readings keyed by device id: looks up the registration, lets
 * {@link DeviceMonitor} decide, and stages the device's state, its place in the silence index, its
 * status, its readings window, its open alerts and its outputs. The kit applies them only once every
 * output serialized, so a failing reading (and the dead letter that follows) leaves no trace.
 *
 * <p>A wall-clock punctuator reads the silence index up to now: only devices that may have fallen
 * silent, never the whole device store. It follows the same order by hand: decide, serialize, write, send.
 */
public final class DeviceProcessor extends AllOrNothingProcessor<String, SensorReading> {

    private final IotSettings settings;
    private final DeviceSinks sinks;
    private final DeviceMonitor monitor;
    private final long readingsWindowMs;

    private GlobalLookup<String, DeviceRegistration> registrations;
    private KeyValueStore<String, MonitoredDevice> devices;
    private DueIndex<String> silenceDue;
    private KeyValueStore<String, DeviceStatus> statuses;
    private KeyValueStore<String, DeviceStatus> siteDevices;
    private WindowStore<String, Summary> readings;
    private KeyValueStore<String, DeviceAlert> activeAlerts;
    private long watchingSince;
    /** Wall-clock time this task last processed a reading (kept in memory: a restart starts watching anew). */
    private long lastProcessedMs;

    public DeviceProcessor(IotSettings settings, DeviceSinks sinks) {
        this.settings = settings;
        this.sinks = sinks;
        this.monitor = new DeviceMonitor(settings);
        this.readingsWindowMs = settings.readingsWindow().toMillis();
    }

    @Override
    protected void open(ProcessorContext<byte[], byte[]> context) {
        registrations = GlobalLookup.of(context, IotTopics.REGISTRATIONS_STORE);
        devices = context.getStateStore(IotTopics.DEVICES_STORE);
        KeyValueStore<Bytes, byte[]> due = context.getStateStore(IotTopics.SILENCE_DUE_STORE);
        silenceDue = DueIndex.of(due, Serdes.String());
        statuses = context.getStateStore(IotTopics.DEVICE_STATUS_STORE);
        siteDevices = context.getStateStore(IotTopics.SITE_DEVICES_STORE);
        readings = context.getStateStore(IotTopics.DEVICE_READINGS_STORE);
        activeAlerts = context.getStateStore(IotTopics.ACTIVE_ALERTS_STORE);
        watchingSince = context.currentSystemTimeMs();
        lastProcessedMs = watchingSince;
        context.schedule(settings.silenceCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkSilence);
    }

    @Override
    protected void decide(Record<String, SensorReading> record, RecordOutputs outputs) {
        String deviceId = record.key();
        SensorReading reading = record.value();
        long now = context().currentSystemTimeMs();
        lastProcessedMs = now;
        MonitoredDevice previous = devices.get(deviceId);
        long eventTime = reading.getEventTime().toEpochMilli();
        long windowStart = eventTime - Math.floorMod(eventTime, readingsWindowMs);
        Summary window = readings.fetch(deviceId, windowStart);
        ReadingDecision decision = monitor.onReading(deviceId, previous, reading, registrations.get(deviceId), now,
                watchingSince);
        Summary nextWindow = (window == null ? Summary.empty() : window).add(reading.getValue());
        MonitoredDevice next = decision.next();
        DeviceStatus status = DeviceMonitor.status(deviceId, next);

        outputs.put(devices, deviceId, next);
        long previousDue = previous == null ? -1 : previous.dueAt();
        if (next.dueAt() < 0) {
            if (previousDue >= 0) {
                outputs.write(() -> silenceDue.remove(deviceId, previousDue));
            }
        } else {
            outputs.write(() -> silenceDue.move(deviceId, previousDue, next.dueAt()));
        }
        outputs.write(() -> readings.put(deviceId, nextWindow, windowStart));
        outputs.put(statuses, deviceId, status);
        if (previous != null && !previous.site().equals(next.site())) {
            outputs.delete(siteDevices, SiteKeys.device(previous.site(), deviceId));
        }
        outputs.put(siteDevices, SiteKeys.device(next.site(), deviceId), status);
        for (DeviceAlertType type : decision.ended()) {
            outputs.delete(activeAlerts, Alerts.activeKey(deviceId, type));
        }
        for (DeviceAlert alert : decision.opened()) {
            outputs.put(activeAlerts, Alerts.activeKey(deviceId, alert.getType()), alert);
        }
        for (DeviceAlert alert : decision.alerts()) {
            outputs.send(sinks.alerts(), deviceId, alert);
        }
        if (decision.statusChanged()) {
            outputs.send(sinks.status(), deviceId, status);
        }
        outputs.send(sinks.siteReadings(), SiteKeys.of(next.site(), reading.getSensorType()),
                new SiteReading(reading.getValue(), decision.countsForSite()));
    }

    /** Visits only the devices filed as due by now; each is decided, serialized, written, then sent. */
    private void checkSilence(long now) {
        for (DueIndex.Due<String> due : silenceDue.due(now, settings.silenceMaxPerCheck())) {
            String deviceId = due.key();
            MonitoredDevice device = devices.get(deviceId);
            if (device == null || device.dueAt() != due.due()) {
                silenceDue.remove(deviceId, due.due());
                continue;
            }
            DeviceMonitor.SilenceCheck check = monitor.onCheck(deviceId, device, now, watchingSince,
                    context().currentStreamTimeMs(), lastProcessedMs);
            MonitoredDevice next = check.next();
            Record<byte[], byte[]> alert = null;
            Record<byte[], byte[]> status = null;
            DeviceStatus nextStatus = DeviceMonitor.status(deviceId, next);
            if (check.fellSilent()) {
                alert = serialized(sinks.alerts(), deviceId, check.alert(), now);
                status = serialized(sinks.status(), deviceId, nextStatus, now);
            }
            devices.put(deviceId, next);
            silenceDue.remove(deviceId, due.due());
            if (next.dueAt() >= 0) {
                silenceDue.add(deviceId, next.dueAt());
            }
            if (check.fellSilent()) {
                statuses.put(deviceId, nextStatus);
                siteDevices.put(SiteKeys.device(next.site(), deviceId), nextStatus);
                activeAlerts.put(Alerts.activeKey(deviceId, DeviceAlertType.SILENT), check.alert());
                context().forward(alert, sinks.alerts().nodeName());
                context().forward(status, sinks.status().nodeName());
            }
        }
    }

    private static <V> Record<byte[], byte[]> serialized(SinkTopic<String, V> sink, String key, V value, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        return new Record<>(sink.keySerializer().serialize(sink.topic(), headers, key),
                sink.valueSerializer().serialize(sink.topic(), headers, value), timestamp, headers);
    }
}
