package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.ResetRun;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * {@code iot-monitor reset} on the real broker and registry: refused while an instance runs, then input
 * rewound, internal topics deleted and local state wiped (the global registrations store included, rebuilt
 * from its topic), so a rerun on the same readings raises the same alerts in the same order per partition.
 */
@WithKafkaStack
class IotResetIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int DEVICES = 6;
    /** Per device: a breach at the 5th reading and its clearing at the 7th; too few readings for a spike or a drift. */
    private static final double[] VALUES = {20, 21, 20, 21, 35, 36, 20, 21, 20, 21, 20, 21};

    @Test
    void resetIsRefusedWhileRunningThenARerunRaisesTheSameAlerts() throws Exception {
        KafkaStack.createTopics(3, IotTopics.READINGS, IotTopics.REGISTRATIONS);
        KafkaStack.truncate(IotTopics.READINGS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        String applicationId = KafkaStack.uniqueName("iot-reset");
        String prefix = "reset-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Path stateDir = Files.createTempDirectory("iot-reset");
        Map<String, Object> settings = Map.of("streams-kit.state-dir", stateDir.toString());
        for (int d = 0; d < DEVICES; d++) {
            KafkaStack.produce(IotTopics.REGISTRATIONS, prefix + d, Devices.registration(prefix + d, "site-reset", 15.0, 30.0, 3_600_000L),
                    Serdes.String().serializer(), serdes.valueSerde(DeviceRegistration.class).serializer());
        }
        Deserializer<DeviceAlert> alerts = serdes.valueSerde(DeviceAlert.class).deserializer();
        try {
            List<String> firstRun;
            try (AppInstance first = AppInstance.start(IotMonitorApplication.class, applicationId, settings)) {
                first.awaitReady(WAIT);
                sendReadings(serdes, prefix);
                firstRun = awaitAlerts(alerts, prefix, 2 * DEVICES);
                Set<String> internalTopics = ResetRun.topicsOf(applicationId);
                assertThat(internalTopics).anySatisfy(topic -> assertThat(topic).endsWith("-changelog"));

                ResetRun refused = ResetRun.of(IotMonitorApplication.class, applicationId, stateDir);
                assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
                assertThat(refused.output()).contains("Refusing to reset '" + applicationId + "'", "Nothing was changed");
                assertThat(ResetRun.topicsOf(applicationId)).isEqualTo(internalTopics);
            }
            ResetRun.awaitGroupEmpty(applicationId, WAIT);

            ResetRun reset = ResetRun.of(IotMonitorApplication.class, applicationId, stateDir);
            assertThat(reset.exitCode()).as(reset.output()).isZero();
            assertThat(reset.output()).contains("input offsets set to the earliest", IotTopics.READINGS + "-0 -> 0",
                    "internal topics deleted: ", "local state wiped: " + stateDir.resolve(applicationId));
            assertThat(ResetRun.topicsOf(applicationId)).isEmpty();

            try (AppInstance rerun = AppInstance.start(IotMonitorApplication.class, applicationId, settings)) {
                rerun.awaitReady(WAIT);
                List<String> both = awaitAlerts(alerts, prefix, 4 * DEVICES);
                assertThat(ResetRun.perPartition(both)).isEqualTo(ResetRun.firstRunTwice(firstRun));
            }
        } finally {
            KafkaStack.truncate(IotTopics.READINGS);
        }
    }

    private static void sendReadings(AvroSerdes serdes, String prefix) {
        Instant base = Instant.now().minus(Duration.ofMinutes(2));
        for (int i = 0; i < VALUES.length; i++) {
            for (int d = 0; d < DEVICES; d++) {
                KafkaStack.produce(IotTopics.READINGS, prefix + d, Devices.reading(prefix + d, VALUES[i], base.plusSeconds(5L * i)),
                        Serdes.String().serializer(), serdes.valueSerde(SensorReading.class).serializer());
            }
        }
    }

    /** "partition:alert" of this test's devices on iot.alerts, in topic order; detectedAt (the wall clock) left out. */
    private static List<String> awaitAlerts(Deserializer<DeviceAlert> deserializer, String prefix, int expected) {
        List<String> found = KafkaStack.awaitSelected(IotTopics.ALERTS, records -> records
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(prefix))
                .map(r -> {
                    DeviceAlert alert = deserializer.deserialize(IotTopics.ALERTS, r.value());
                    alert.setDetectedAt(Instant.EPOCH);
                    return r.partition() + ":" + alert;
                }), expected, WAIT);
        assertThat(found).hasSize(expected);
        return found;
    }
}
