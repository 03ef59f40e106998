package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.iot.sites.SiteKeys;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.SiteStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The site windows on the real broker when one partition of the readings is ten minutes behind the others in
 * event time: partitions 0 and 2 are processed to the end first, then partition 1 brings the same ten minutes.
 * Before watermarks, the site task's stream time was the newest reading of any partition, so partition 1's
 * readings found their windows closed and were dropped ("Skipping record for expired window"); a restart or a
 * backlog drained unevenly makes the same skew. Now every reading is in its window and none is late.
 */
@WithKafkaStack
class IotSiteStatsSkewIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PARTITIONS = 3;
    private static final int DEVICES_PER_PARTITION = 2;
    /** A reading every 10 s for ten minutes per device. */
    private static final int READINGS_PER_DEVICE = 60;

    @Test
    void aPartitionTenMinutesBehindTheOthersStillHasEveryReadingCountedInItsSiteWindows() throws Exception {
        KafkaStack.createTopics(PARTITIONS, IotTopics.READINGS, IotTopics.REGISTRATIONS);
        KafkaStack.truncate(IotTopics.READINGS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        String applicationId = KafkaStack.uniqueName("iot-skew");
        String site = "skew-" + UUID.randomUUID().toString().substring(0, 8);
        List<List<String>> devices = devicesByPartition(site);
        for (List<String> ofPartition : devices) {
            for (String device : ofPartition) {
                KafkaStack.produce(IotTopics.REGISTRATIONS, device, Devices.registration(device, site, -100, 100, 3_600_000L),
                        Serdes.String().serializer(), serdes.valueSerde(DeviceRegistration.class).serializer());
            }
        }
        // A partition that only waits (partition 1 between its first reading and the rest) must not count as idle here.
        Map<String, Object> settings = Map.of("streams-kit.state-dir", Files.createTempDirectory("iot-skew").toString(),
                "iot.sites.idle-after", "10m");
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        try (AppInstance app = AppInstance.start(IotMonitorApplication.class, applicationId, settings)) {
            app.awaitReady(WAIT);
            // Partition 1 says where it is (its first reading), then partitions 0 and 2 run ten minutes ahead.
            send(serdes, devices.get(1), base, 0, 1);
            send(serdes, devices.get(0), base, 0, READINGS_PER_DEVICE);
            send(serdes, devices.get(2), base, 0, READINGS_PER_DEVICE);
            awaitProcessed(applicationId, 0, 2);
            assertThat(siteStats(serdes, site)).as("windows wait for partition 1").isEmpty();

            send(serdes, devices.get(1), base, 1, READINGS_PER_DEVICE);
            // One reading per partition two minutes on closes every window of the ten minutes.
            for (List<String> ofPartition : devices) {
                KafkaStack.produce(IotTopics.READINGS, ofPartition.get(0), Devices.reading(ofPartition.get(0), 50,
                        base.plus(Duration.ofMinutes(12))), Serdes.String().serializer(), serdes.valueSerde(SensorReading.class).serializer());
            }

            List<SiteStats> windows = KafkaStack.awaitSelected(IotTopics.SITE_STATS, records -> decode(records, serdes, site),
                    10, WAIT);
            int devicesTotal = PARTITIONS * DEVICES_PER_PARTITION;
            assertThat(windows).hasSize(10);
            assertThat(windows).extracting(SiteStats::getWindowStart)
                    .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(m -> base.plus(Duration.ofMinutes(m))).toList());
            assertThat(windows).allSatisfy(window -> {
                assertThat(window.getCount()).as("6 readings a minute from each of 6 devices").isEqualTo(6L * devicesTotal);
                assertThat(window.getDevicesReporting()).isEqualTo(devicesTotal);
            });
            assertThat(windows.stream().mapToLong(SiteStats::getCount).sum()).isEqualTo((long) devicesTotal * READINGS_PER_DEVICE);
            assertThat(lateReadings(serdes, site)).isEmpty();
        } finally {
            KafkaStack.truncate(IotTopics.READINGS);
        }
    }

    /** Device ids that the producer's default partitioner puts on each partition. */
    private static List<List<String>> devicesByPartition(String site) {
        List<List<String>> byPartition = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (int i = 0; byPartition.stream().anyMatch(ids -> ids.size() < DEVICES_PER_PARTITION); i++) {
            String id = site + "-dev-" + i;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition.get(partition).size() < DEVICES_PER_PARTITION) {
                byPartition.get(partition).add(id);
            }
        }
        return byPartition;
    }

    private static void send(AvroSerdes serdes, List<String> devices, Instant base, int from, int to) {
        for (int i = from; i < to; i++) {
            for (String device : devices) {
                KafkaStack.produce(IotTopics.READINGS, device, Devices.reading(device, 20 + i % 7, base.plusSeconds(10L * i)),
                        Serdes.String().serializer(), serdes.valueSerde(SensorReading.class).serializer());
            }
        }
    }

    /** Waits until the application has committed every reading of the given partitions. */
    private static void awaitProcessed(String applicationId, int... partitions) throws Exception {
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p : partitions) {
                latest.put(new TopicPartition(IotTopics.READINGS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                if (ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue())) {
                    return;
                }
                AppInstance.sleep(200);
            }
            throw new AssertionError("partitions " + Arrays.toString(partitions) + " not processed within " + WAIT);
        }
    }

    private static List<SiteStats> siteStats(AvroSerdes serdes, String site) {
        return decode(KafkaStack.readAll(IotTopics.SITE_STATS).stream(), serdes, site).toList();
    }

    private static Stream<SiteStats> decode(Stream<ConsumerRecord<byte[], byte[]>> records, AvroSerdes serdes, String site) {
        Deserializer<SiteStats> deserializer = serdes.valueSerde(SiteStats.class).deserializer();
        String key = SiteKeys.of(site, SensorType.TEMPERATURE);
        return records.filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .map(r -> deserializer.deserialize(IotTopics.SITE_STATS, r.value()));
    }

    private static List<LateSiteReading> lateReadings(AvroSerdes serdes, String site) {
        Deserializer<LateSiteReading> deserializer = serdes.valueSerde(LateSiteReading.class).deserializer();
        return KafkaStack.readAll(IotTopics.LATE_SITE_READINGS).stream()
                .map(r -> deserializer.deserialize(IotTopics.LATE_SITE_READINGS, r.value()))
                .filter(late -> late.getSite().equals(site)).toList();
    }
}
