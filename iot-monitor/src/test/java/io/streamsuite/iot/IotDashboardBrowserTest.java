package io.streamsuite.iot;

import static io.streamsuite.kit.test.DashboardChecks.compare;
import static io.streamsuite.kit.test.DashboardChecks.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.DashboardBrowser;
import io.streamsuite.kit.test.DashboardChecks;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * iot-monitor's dashboard in a real headless Chromium, with devices of three sites reporting on the real
 * broker and registry: per site a few healthy devices, one running hot (ALERTING), one on a low battery
 * (WARNING) and one that falls silent (SILENT). The kit's charts and the site panels draw, every figure
 * shown is what the REST API answers at that moment, the page logs no error, a screenshot lands in target/.
 */
@WithKafkaStack
class IotDashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SITES = "[data-panel='service-0']";
    private static final String MOST_ALERTED = "[data-panel='service-1']";
    private static final List<String> SITE_NAMES = List.of("site-dash-east", "site-dash-north", "site-dash-south");
    private static final int HEALTHY_PER_SITE = 5;
    private static final long REPORTS_HOURLY = 3_600_000L;

    @Test
    void pageShowsEachSitesDevicesByStateAsTheApiAnswersThem() throws Exception {
        KafkaStack.createTopics(3, IotTopics.READINGS, IotTopics.REGISTRATIONS);
        KafkaStack.truncate(IotTopics.READINGS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        for (String site : SITE_NAMES) {
            for (int i = 0; i < HEALTHY_PER_SITE; i++) {
                register(serdes, device(site, "ok-" + i), site, REPORTS_HOURLY);
            }
            register(serdes, device(site, "hot"), site, REPORTS_HOURLY);
            register(serdes, device(site, "battery"), site, REPORTS_HOURLY);
            // Expected every 2 s: silent 6 s after its one reading.
            register(serdes, device(site, "quiet"), site, 2_000L);
        }
        // The registrations are a global table: restored before the instance is ready. A spike needs 8 σ here, so
        // the healthy devices' noise never raises one and each device's state is the one the scenario gives it.
        try (AppInstance iot = AppInstance.start(IotMonitorApplication.class, "iot-dashboard-test", Map.of("iot.anomaly.k", "8"));
             Sensors sensors = new Sensors(serdes)) {
            iot.awaitReady(WAIT);
            KafkaStack.produce(IotTopics.READINGS, "poison-dashboard".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0x13, 0x37, 0x00, 0x42});
            sensors.start();
            String token = TestTokens.reader().substring("Bearer ".length());
            try (DashboardBrowser page = DashboardBrowser.open(iot.baseUrl() + "/#token=" + token)) {
                page.awaitChartsDrawn(5, WAIT);
                page.await("every site on the page", WAIT, () -> page.tableRows(SITES).size() == SITE_NAMES.size());
                sensors.runFor(Duration.ofSeconds(25));
                sensors.close();

                DashboardChecks.awaitQuiet(iot, WAIT);
                page.await("the page's figures equal the API's", Duration.ofSeconds(30), () -> differences(page, iot).isEmpty());
                assertThat(differences(page, iot)).isEmpty();

                // Right, not only alike: every site has the states the scenario gave its devices.
                assertThat(get(iot, "/api/sites").get("items").valueStream()
                        .map(s -> List.of(s.get("site").asString(), s.get("devices").asLong(), s.get("ok").asLong(),
                                s.get("warning").asLong(), s.get("alerting").asLong(), s.get("silent").asLong()))
                        .toList())
                        .isEqualTo(SITE_NAMES.stream().map(site -> List.<Object>of(site, (long) HEALTHY_PER_SITE + 3,
                                (long) HEALTHY_PER_SITE, 1L, 1L, 1L)).toList());
                // The devices alerted are the hot, low-battery and quiet ones, none of the healthy.
                assertThat(page.tableRows(MOST_ALERTED).stream().filter(row -> !row.get(3).equals("0")).map(row -> row.get(1)))
                        .containsExactlyInAnyOrderElementsOf(SITE_NAMES.stream()
                                .flatMap(site -> List.of("hot", "battery", "quiet").stream().map(name -> device(site, name))).toList());
                // Earlier tests of this JVM may have left poison on the shared compacted inputs: the page shows what the
                // service's own dead-letter topic holds, our poison record among it.
                List<String> undecodable = DashboardChecks.deadLetterKeys("iot-dashboard-test.dlq", "deserialization");
                assertThat(undecodable).contains("poison-dashboard");
                assertThat(page.bars("[data-panel='dead-letters']"))
                        .contains(DashboardChecks.bar("deserialization", String.valueOf(undecodable.size())));
                assertThat(page.topologyNodes()).isGreaterThan(5);

                page.screenshot(Path.of("target", "dashboard", "iot-monitor.png"));
                assertThat(page.errors()).isEmpty();
            }
        } finally {
            KafkaStack.truncate(IotTopics.READINGS);
        }
    }

    /**
     * The kit's figures against /api/dashboard; the site table against /api/sites; the most-alerted table against
     * the site-devices store's keys, ordered as the panel orders them (most alerts first, key order among equals).
     */
    private static List<String> differences(DashboardBrowser page, AppInstance iot) {
        List<String> differences = new ArrayList<>(DashboardChecks.kitDifferences(page, get(iot, "/api/dashboard")));
        List<List<String>> sites = get(iot, "/api/sites").get("items").valueStream()
                .map(s -> List.of("/site", "/devices", "/ok", "/warning", "/alerting", "/silent", "/alerts").stream()
                        .map(field -> DashboardBrowser.shown(s.at(field))).toList())
                .toList();
        compare(differences, "sites", page.tableRows(SITES), sites);

        List<JsonNode> devices = new ArrayList<>(get(iot, "/api/stores/" + IotTopics.SITE_DEVICES_STORE + "/keys?limit=1000")
                .get("items").valueStream().map(entry -> entry.get("value")).toList());
        devices.sort(Comparator.comparingLong((JsonNode d) -> d.get("alertCount").asLong()).reversed());
        List<List<String>> mostAlerted = devices.stream().limit(10)
                .map(d -> List.of("/site", "/deviceId", "/status", "/alertCount", "/lastSeen").stream()
                        .map(field -> DashboardBrowser.shown(d.at(field))).toList())
                .toList();
        compare(differences, "most alerted devices", page.tableRows(MOST_ALERTED), mostAlerted);
        return differences;
    }

    private static String device(String site, String name) {
        return site.substring("site-dash-".length()) + "-" + name;
    }

    private static void register(AvroSerdes serdes, String deviceId, String site, long intervalMs) {
        DeviceRegistration registration = Devices.registration(deviceId, site, 15.0, 30.0, intervalMs);
        KafkaStack.produce(IotTopics.REGISTRATIONS, deviceId, registration, Serdes.String().serializer(),
                serdes.valueSerde(DeviceRegistration.class).serializer());
    }

    /** Every device but the quiet ones reports about once a second; the quiet ones report once. */
    private static final class Sensors implements AutoCloseable {
        private final KafkaProducer<String, SensorReading> producer;
        private final Random random = new Random(11);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;
        private long startedAt;

        Sensors(AvroSerdes serdes) {
            producer = new KafkaProducer<>(KafkaStack.clientConfig(), Serdes.String().serializer(),
                    serdes.valueSerde(SensorReading.class).serializer());
        }

        void start() {
            startedAt = System.nanoTime();
            for (String site : SITE_NAMES) {
                send(device(site, "quiet"), 21.0, 90.0);
            }
            thread = new Thread(() -> {
                while (running.get()) {
                    for (String site : SITE_NAMES) {
                        for (int i = 0; i < HEALTHY_PER_SITE; i++) {
                            send(device(site, "ok-" + i), 22.0 + random.nextGaussian() * 0.5, 90.0);
                        }
                        send(device(site, "hot"), 41.0 + random.nextGaussian() * 0.5, 90.0);
                        send(device(site, "battery"), 22.0 + random.nextGaussian() * 0.5, 9.0);
                    }
                    AppInstance.sleep(1000);
                }
            }, "dashboard-sensors");
            thread.setDaemon(true);
            thread.start();
        }

        private void send(String deviceId, double value, double battery) {
            producer.send(new ProducerRecord<>(IotTopics.READINGS, deviceId, Devices.reading(deviceId, value, Instant.now(), battery)));
        }

        void runFor(Duration duration) {
            long left = startedAt + duration.toNanos() - System.nanoTime();
            if (left > 0) {
                AppInstance.sleep(left / 1_000_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(30_000);
            }
            producer.close(Duration.ofSeconds(30));
        }
    }
}
