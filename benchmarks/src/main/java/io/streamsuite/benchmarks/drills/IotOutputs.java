package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceState;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SiteStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** What one run of iot-monitor committed (read_committed): its alerts and its status changes per device. */
final class IotOutputs {

    static final String ALERTS = "iot.alerts";
    static final String STATUS = "iot.device-status";
    static final String SITE_STATS = "iot.site-stats";
    static final String LATE_SITE_READINGS = "iot.late-site-readings";

    private final Deserializer<DeviceAlert> alerts;
    private final Deserializer<DeviceStatus> statuses;
    private final Deserializer<SiteStats> siteStats;
    private final Deserializer<LateSiteReading> lateSiteReadings;
    private final KafkaOps kafka;

    IotOutputs(KafkaOps kafka, String registryUrl) {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true));
        this.alerts = serdes.valueSerde(DeviceAlert.class).deserializer();
        this.statuses = serdes.valueSerde(DeviceStatus.class).deserializer();
        this.siteStats = serdes.valueSerde(SiteStats.class).deserializer();
        this.lateSiteReadings = serdes.valueSerde(LateSiteReading.class).deserializer();
        this.kafka = kafka;
    }

    List<DeviceAlert> alerts() {
        List<DeviceAlert> all = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(ALERTS)) {
            all.add(alerts.deserialize(ALERTS, record.value()));
        }
        return all;
    }

    /**
     * An alert as a comparable fact: everything but when it was detected (wall clock), and for SILENT also but the
     * message, which says how many wall-clock seconds the device had been quiet when the punctuator looked.
     */
    static String fact(DeviceAlert a) {
        return a.getAlertId() + " " + a.getType() + " site=" + a.getSite() + " value=" + a.getValue() + " threshold="
                + a.getThreshold() + " cleared=" + a.getCleared() + " at=" + a.getEventTime() + " predicted="
                + a.getPredictedAt() + (a.getType() == DeviceAlertType.SILENT ? "" : " " + a.getMessage());
    }

    /** Device id → every status it was given, in order (a device's statuses live on one partition). */
    Map<String, List<String>> statusHistory() {
        Map<String, List<String>> history = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(STATUS)) {
            DeviceStatus s = statuses.deserialize(STATUS, record.value());
            history.computeIfAbsent(s.getDeviceId(), d -> new ArrayList<>()).add(s.getStatus() + " site=" + s.getSite()
                    + " lastSeen=" + s.getLastSeen() + " lastValue=" + s.getLastValue() + " alerts=" + s.getAlertCount());
        }
        return history;
    }

    /** Device id → its latest state. */
    Map<String, DeviceState> latestStates() {
        Map<String, DeviceState> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(STATUS)) {
            if (record.value() != null) {
                latest.put(new String(record.key(), StandardCharsets.UTF_8),
                        statuses.deserialize(STATUS, record.value()).getStatus());
            }
        }
        return latest;
    }

    /** Every site window published, in topic order. */
    List<SiteStats> siteStats() {
        List<SiteStats> all = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(SITE_STATS)) {
            all.add(siteStats.deserialize(SITE_STATS, record.value()));
        }
        return all;
    }

    /** A site window's identity: site, sensor type and start. */
    static String window(String site, String sensorType, long windowStart) {
        return site + "/" + sensorType + "@" + windowStart;
    }

    static String window(SiteStats stats) {
        return window(stats.getSite(), stats.getSensorType().toString(), stats.getWindowStart().toEpochMilli());
    }

    /**
     * A site window as a comparable fact. The mean to 9 digits: the partitions' readings reach the window in an order
     * that differs between runs, and a sum in another order can differ in its last bits.
     */
    static String fact(SiteStats s) {
        return window(s) + " count=" + s.getCount() + " min=" + s.getMin() + " max=" + s.getMax()
                + " mean=" + String.format(java.util.Locale.ROOT, "%.9f", s.getMean()) + " devices=" + s.getDevicesReporting();
    }

    /** The late site records, as text (each one or several readings of one window). */
    List<String> lateSiteReadings() {
        List<String> all = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(LATE_SITE_READINGS)) {
            all.add(lateSiteReadings.deserialize(LATE_SITE_READINGS, record.value()).toString());
        }
        return all;
    }
}
