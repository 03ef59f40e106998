package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceAlertType;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.Thresholds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on the real broker and registry, fed by the event simulator's IoT traffic: 60
 * simulated minutes of history sent at once, then live readings. The simulator's ids file says which
 * devices it made drifting, spiking or silent; each of those is reported, no healthy one is alerted.
 * Beside it, a reading from a client still on the SensorReading v1 schema and a poison record.
 */
@WithKafkaStack
class IotMonitorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofMinutes(6);
    private static final String V1_DEVICE = "it-v1-device";
    private static final byte[] POISON = {0x13, 0x37, 0x00, 0x42, 0x7f};

    private static AvroSerdes serdes;
    private static AppInstance first;
    private static AppInstance second;
    private static SimulatorProcess simulator;
    private static Map<String, String> behaviours;

    @BeforeAll
    static void startTwoAndFeed() {
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        KafkaStack.createTopics(3, IotTopics.READINGS, IotTopics.REGISTRATIONS);
        // The simulator's healthy devices send some 20 000 Gaussian readings here; at the default 4 σ about one
        // in 16 000 lies beyond by chance. Its spikes lie 20 σ and more out, so 6 σ still finds every one of them.
        Map<String, Object> overrides = Map.of("iot.anomaly.k", "6");
        first = AppInstance.start(IotMonitorApplication.class, IotTopics.APPLICATION_ID, overrides);
        second = AppInstance.start(IotMonitorApplication.class, IotTopics.APPLICATION_ID, overrides);
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));

        KafkaStack.produce(IotTopics.REGISTRATIONS, V1_DEVICE, new DeviceRegistration(V1_DEVICE, "site-it", "TH-1",
                        SensorType.TEMPERATURE, new Thresholds(15.0, 30.0), 3_600_000L), Serdes.String().serializer(),
                serdes.valueSerde(DeviceRegistration.class).serializer());
        KafkaStack.produce(IotTopics.READINGS, "poison-it-1".getBytes(StandardCharsets.UTF_8), POISON);
        readingWithV1Schema(V1_DEVICE, 21.5, Instant.now());
        simulator = SimulatorProcess.start(Instant.now().minus(Duration.ofMinutes(60)), 10, 12);
        behaviours = simulator.devices();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void everySilentDriftingAndSpikingDeviceIsReportedAndNoHealthyDeviceIsAlerted() {
        Set<String> silent = devices("SILENT");
        Set<String> drifting = devices("DRIFTING");
        Set<String> spiking = devices("SPIKING");
        Set<String> normal = devices("NORMAL");
        assertThat(silent).isNotEmpty();
        assertThat(drifting).isNotEmpty();
        assertThat(spiking).isNotEmpty();
        assertThat(normal).hasSizeGreaterThan(50);

        Map<String, List<DeviceAlert>> alerts = awaitAlerts(byDevice -> silent.stream().allMatch(d -> has(byDevice, d, DeviceAlertType.SILENT))
                && drifting.stream().allMatch(d -> has(byDevice, d, DeviceAlertType.DRIFT))
                && spiking.stream().allMatch(d -> has(byDevice, d, DeviceAlertType.THRESHOLD_BREACH)), simulator::logText);

        assertThat(silent).allSatisfy(d -> assertThat(types(alerts, d)).as("alerts of silent %s", d)
                .containsExactly(DeviceAlertType.SILENT));
        assertThat(drifting).allSatisfy(d -> {
            List<DeviceAlert> own = alerts.get(d);
            DeviceAlert drift = own.stream().filter(a -> a.getType() == DeviceAlertType.DRIFT).findFirst().orElseThrow();
            assertThat(drift.getPredictedAt()).as("prediction of %s", d).isAfter(drift.getEventTime());
            own.stream().filter(a -> a.getType() == DeviceAlertType.THRESHOLD_BREACH).findFirst().ifPresent(breach ->
                    assertThat(drift.getEventTime()).as("DRIFT of %s before its breach", d).isBefore(breach.getEventTime()));
        });
        // A spike lies far above max: a breach (start and clear) whether or not the baseline has warmed up yet.
        assertThat(spiking).allSatisfy(d -> assertThat(types(alerts, d)).as("alerts of spiking %s", d)
                .contains(DeviceAlertType.THRESHOLD_BREACH).doesNotContain(DeviceAlertType.SILENT));
        Set<String> spiked = alerts.entrySet().stream().filter(e -> has(alerts, e.getKey(), DeviceAlertType.SPIKE))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(spiked).isNotEmpty().containsAnyElementsOf(spiking);
        assertThat(spiking).containsAll(spiked.stream().filter(d -> !drifting.contains(d)).toList());
        Map<String, List<DeviceAlertType>> healthyAlerted = new LinkedHashMap<>();
        for (String d : normal) {
            if (alerts.containsKey(d)) {
                healthyAlerted.put(d, types(alerts, d));
            }
        }
        assertThat(healthyAlerted).as("alerts of healthy devices").isEmpty();
        // Transitions only: a breach is raised once per start, not per reading. Only the simulator's devices: the reset
        // test of this JVM publishes its own devices' alerts twice on purpose (a run and its rerun).
        Set<String> simulated = new java.util.HashSet<>(normal);
        simulated.addAll(silent);
        simulated.addAll(drifting);
        simulated.addAll(spiking);
        alerts.forEach((device, own) -> {
            if (simulated.contains(device)) {
                assertThat(own.stream().map(DeviceAlert::getAlertId).distinct().count()).as("alerts of %s", device)
                        .isEqualTo(own.size());
            }
        });
    }

    @Test
    void eitherInstanceAnswersDevicesSitesReadingsAndActiveAlerts() {
        Set<String> silent = devices("SILENT");
        awaitAlerts(byDevice -> silent.stream().allMatch(d -> has(byDevice, d, DeviceAlertType.SILENT)), simulator::logText);
        for (AppInstance asked : List.of(first, second)) {
            for (String device : behaviours.keySet()) {
                HttpResponse<String> status = asked.getWhenAvailable("/api/devices/" + device + "/status");
                assertThat(status.statusCode()).as("%s asked at %s: %s", device, asked.baseUrl(), status.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(status.body());
                assertThat(body.get("deviceId").asString()).isEqualTo(device);
                if (silent.contains(device)) {
                    assertThat(body.get("status").asString()).isEqualTo("SILENT");
                }
            }

            Set<String> site01 = new TreeSet<>();
            String cursor = null;
            do {
                HttpResponse<String> page = asked.getWhenAvailable("/api/sites/site-01/devices?limit=5"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(page.body());
                body.get("items").forEach(item -> {
                    assertThat(item.get("site").asString()).isEqualTo("site-01");
                    site01.add(item.get("deviceId").asString());
                });
                cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
            } while (cursor != null);
            // The simulator puts device n at site (n mod 12) + 1.
            Set<String> expected = behaviours.keySet().stream()
                    .filter(d -> Integer.parseInt(d.substring(4)) % 12 == 0).collect(Collectors.toCollection(TreeSet::new));
            assertThat(site01).isEqualTo(expected);

            HttpResponse<String> active = asked.getWhenAvailable("/api/alerts/active?limit=1000");
            assertThat(active.statusCode()).isEqualTo(200);
            Set<String> silentNow = new HashSet<>();
            JSON.readTree(active.body()).get("items").forEach(item -> {
                if (item.get("type").asString().equals("SILENT")) {
                    silentNow.add(item.get("deviceId").asString());
                }
            });
            assertThat(silentNow).isEqualTo(silent);

            String someDevice = devices("NORMAL").iterator().next();
            Instant now = Instant.now();
            HttpResponse<String> readings = asked.getWhenAvailable("/api/devices/" + someDevice + "/readings?from="
                    + now.minus(Duration.ofMinutes(50)) + "&to=" + now);
            assertThat(readings.statusCode()).as(readings.body()).isEqualTo(200);
            JsonNode windows = JSON.readTree(readings.body()).get("windows");
            assertThat(windows.size()).isGreaterThan(5);
            long count = 0;
            for (JsonNode window : windows) {
                count += window.get("count").asLong();
                assertThat(window.get("min").asDouble()).isLessThanOrEqualTo(window.get("max").asDouble());
            }
            assertThat(count).isGreaterThan(5);
        }
    }

    @Test
    void badRequestsAreProblemsAndTheRoutesAreDocumented() {
        for (String path : List.of("/api/devices/bad%20id!/status", "/api/devices/dev-00001/readings?from=yesterday",
                "/api/devices/dev-00001/readings?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/api/devices/dev-00001/readings?from=2020-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/api/sites/no$such$site/devices", "/api/sites/site-01/devices?limit=0", "/api/alerts/active?cursor=%25%25%25")) {
            HttpResponse<String> answer = first.get(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(answer.body()).doesNotContain("Exception", "at io.");
        }
        assertThat(first.getWhenAvailable("/api/devices/never-seen/status").statusCode()).isEqualTo(404);
        String docs = first.get("/v3/api-docs").body();
        assertThat(docs).contains("/api/devices/{deviceId}/status", "/api/devices/{deviceId}/readings",
                "/api/sites/{site}/devices", "/api/alerts/active");
    }

    @Test
    void poisonLandsInTheDeadLetterTopicAndTheV1ReadingIsMonitored() {
        List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (deadLetters.isEmpty() && System.nanoTime() < deadline) {
            KafkaStack.readAll(IotTopics.DEAD_LETTERS).stream()
                    .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals("poison-it-1"))
                    .forEach(deadLetters::add);
            AppInstance.sleep(500);
        }
        assertThat(deadLetters).singleElement().satisfies(r -> assertThat(r.value()).containsExactly(POISON));

        HttpResponse<String> status = second.getWhenAvailable("/api/devices/" + V1_DEVICE + "/status");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(status.body());
        assertThat(body.get("lastValue").asDouble()).isEqualTo(21.5);
        assertThat(body.get("site").asString()).isEqualTo("site-it");
        assertThat(body.get("status").asString()).isEqualTo("OK");
    }

    private static Set<String> devices(String behaviour) {
        return behaviours.entrySet().stream().filter(e -> e.getValue().equals(behaviour)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean has(Map<String, List<DeviceAlert>> byDevice, String device, DeviceAlertType type) {
        return byDevice.getOrDefault(device, List.of()).stream().anyMatch(a -> a.getType() == type);
    }

    private static List<DeviceAlertType> types(Map<String, List<DeviceAlert>> alerts, String device) {
        return alerts.getOrDefault(device, List.of()).stream().map(DeviceAlert::getType).distinct().toList();
    }

    /** Alerts by device, read until {@code done} holds (or the wait is over; the caller's assertions then say what is missing). */
    private static Map<String, List<DeviceAlert>> awaitAlerts(java.util.function.Predicate<Map<String, List<DeviceAlert>>> done,
                                                             java.util.function.Supplier<String> context) {
        var deserializer = serdes.valueSerde(DeviceAlert.class).deserializer();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, List<DeviceAlert>> byDevice = new HashMap<>();
        while (System.nanoTime() < deadline) {
            byDevice = KafkaStack.readAll(IotTopics.ALERTS).stream()
                    .map(r -> deserializer.deserialize(IotTopics.ALERTS, r.headers(), r.value()))
                    .collect(Collectors.groupingBy(a -> a.getDeviceId().toString()));
            if (done.test(byDevice)) {
                return byDevice;
            }
            AppInstance.sleep(2000);
        }
        System.err.println("simulator log:\n" + context.get());
        return byDevice;
    }

    /** A reading from a client still on the v1 schema (no firmwareVersion), as a GenericRecord. */
    private static void readingWithV1Schema(String device, double value, Instant at) {
        Schema v1;
        try (InputStream in = IotMonitorIntegrationTest.class.getResourceAsStream("/schema-history/iot/SensorReading/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(v1.getField("firmwareVersion")).isNull();
        GenericRecord record = new GenericData.Record(v1);
        record.put("deviceId", device);
        record.put("sensorType", new GenericData.EnumSymbol(v1.getField("sensorType").schema(), "TEMPERATURE"));
        record.put("value", value);
        record.put("unit", "C");
        record.put("battery", null);
        record.put("eventTime", at.toEpochMilli());
        KafkaStack.produce(IotTopics.READINGS, device, record, Serdes.String().serializer(), serdes.genericValueSerde().serializer());
    }
}
