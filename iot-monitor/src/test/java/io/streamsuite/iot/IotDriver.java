package io.streamsuite.iot;

import io.streamsuite.iot.device.MonitoredDevice;
import io.streamsuite.iot.device.StoredDevice;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SiteStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The IoT topology in a TopologyTestDriver whose wall clock starts at {@link Devices#T0}, on an in-memory registry. */
final class IotDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SensorReading> readings;
    private final TestInputTopic<String, DeviceRegistration> registrations;
    private final TestOutputTopic<String, DeviceAlert> alerts;
    private final TestOutputTopic<String, DeviceStatus> statuses;
    private final TestOutputTopic<String, SiteStats> siteStats;
    private final TestOutputTopic<String, LateSiteReading> lateSiteReadings;
    private final List<DeviceAlert> alertsSeen = new ArrayList<>();

    IotDriver() {
        this(IotSettings.defaults());
    }

    IotDriver(IotSettings settings) {
        this(settings, IotStores.inMemory(Stores::inMemoryKeyValueStore));
    }

    IotDriver(IotSettings settings, IotStores stores) {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://iot-" + UUID.randomUUID()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, IotTopics.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("iot-ttd").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(IotTopology.build(settings, serdes, stores), config, Devices.T0);
        Serde<String> strings = Serdes.String();
        readings = driver.createInputTopic(IotTopics.READINGS, strings.serializer(), serdes.valueSerde(SensorReading.class).serializer());
        registrations = driver.createInputTopic(IotTopics.REGISTRATIONS, strings.serializer(),
                serdes.valueSerde(DeviceRegistration.class).serializer());
        alerts = driver.createOutputTopic(IotTopics.ALERTS, strings.deserializer(), serdes.valueSerde(DeviceAlert.class).deserializer());
        statuses = driver.createOutputTopic(IotTopics.DEVICE_STATUS, strings.deserializer(),
                serdes.valueSerde(DeviceStatus.class).deserializer());
        siteStats = driver.createOutputTopic(IotTopics.SITE_STATS, strings.deserializer(), serdes.valueSerde(SiteStats.class).deserializer());
        lateSiteReadings = driver.createOutputTopic(IotTopics.LATE_SITE_READINGS, strings.deserializer(),
                serdes.valueSerde(LateSiteReading.class).deserializer());
    }

    IotDriver register(DeviceRegistration... devices) {
        for (DeviceRegistration device : devices) {
            registrations.pipeInput(device.getDeviceId(), device, Devices.T0.minus(Duration.ofDays(1)));
        }
        return this;
    }

    IotDriver read(SensorReading... values) {
        for (SensorReading reading : values) {
            readings.pipeInput(reading.getDeviceId(), reading, reading.getEventTime());
        }
        return this;
    }

    /** Every alert published so far, in order. */
    List<DeviceAlert> alerts() {
        alertsSeen.addAll(alerts.readValuesToList());
        return List.copyOf(alertsSeen);
    }

    List<DeviceAlert> alerts(DeviceAlertType type) {
        return alerts().stream().filter(a -> a.getType() == type).toList();
    }

    List<DeviceStatus> statusUpdates() {
        return statuses.readValuesToList();
    }

    List<SiteStats> siteStats() {
        return siteStats.readValuesToList();
    }

    List<LateSiteReading> lateSiteReadings() {
        return lateSiteReadings.readValuesToList();
    }

    /** The sum of a metric's values over every tag set (e.g. {@code late-records-total} over sites). */
    double metricTotal(String name) {
        return driver.metrics().entrySet().stream().filter(metric -> metric.getKey().name().equals(name))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** The device as last committed to the devices store, without its drift window. */
    MonitoredDevice device(String deviceId) {
        KeyValueStore<String, StoredDevice> devices = driver.getKeyValueStore(IotTopics.DEVICES_STORE);
        StoredDevice stored = devices.get(deviceId);
        return stored == null ? null : stored.device();
    }

    DeviceStatus status(String deviceId) {
        KeyValueStore<String, DeviceStatus> store = driver.getKeyValueStore(IotTopics.DEVICE_STATUS_STORE);
        return store.get(deviceId);
    }

    DeviceAlert activeAlert(String key) {
        KeyValueStore<String, DeviceAlert> store = driver.getKeyValueStore(IotTopics.ACTIVE_ALERTS_STORE);
        return store.get(key);
    }

    @Override
    public void close() {
        driver.close();
    }
}
