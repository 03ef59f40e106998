package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three instances tagged with zones a, a and b (KIP-708 through {@code streams-kit.zone}); both zone-a
 * instances are killed with SIGKILL at once. With one standby each, every task has a live copy in
 * zone b, which answers at once; without, zone b must first take over and restore from the changelogs.
 * Both runs print how long until every store answered again and how many queries failed meanwhile.
 */
@WithKafkaStack
class ZoneFailoverTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int KEYS = 2_000;
    private static final int EVENTS = 10_000;
    /** A page of each kind of store, as a dashboard would ask zone b. */
    private static final List<String> QUERIES = List.of(
            "/api/stores/query.counts/keys?limit=20",
            "/api/stores/query.latest/keys?limit=20",
            "/api/stores/query.counts-by-cents/keys?limit=20",
            "/api/stores/query.windowed-counts/windows?limit=20",
            "/api/stores/query.sessions/keys/key-0007/sessions",
            "/api/stores/query.counts/keys/key-0011",
            "/api/stores/query.regions/keys");

    record Outcome(long recoveredMillis, int failed, int asked, boolean everyTaskInZoneB) {
        String describe(int standbys) {
            return String.format("zone failover, %d standby per task: every store answered again %d ms after both zone-a"
                    + " instances were killed; %d of %d queries failed meanwhile; every task had a copy in zone b: %s",
                    standbys, recoveredMillis, failed, asked, everyTaskInZoneB);
        }
    }

    @Test
    void withOneStandbyEveryTaskKeepsALiveCopyInZoneBAndItsStoresAnswerThroughTheLossOfZoneA() {
        Outcome outcome = lose(1);
        System.out.println(outcome.describe(1));

        assertThat(outcome.everyTaskInZoneB()).as(outcome.describe(1)).isTrue();
    }

    @Test
    void withoutStandbysZoneBAnswersOnlyAfterTakingOverAndRestoring() {
        Outcome outcome = lose(0);
        System.out.println(outcome.describe(0));

        assertThat(outcome.everyTaskInZoneB()).as("without standbys zone b cannot hold zone a's tasks").isFalse();
        assertThat(outcome.failed()).as(outcome.describe(0)).isPositive();
    }

    private static Outcome lose(int standbys) {
        String prefix = KafkaStack.uniqueName("zones-" + standbys);
        String applicationId = prefix + "-app";
        Map<String, Object> zoneA = Map.of("streams-kit.standby-replicas", standbys, "streams-kit.zone", "a");
        try (QueryInstance zoneB = QueryInstance.start(applicationId, prefix,
                     Map.of("streams-kit.standby-replicas", standbys, "streams-kit.zone", "b"));
             ForkedInstance a1 = ForkedInstance.start(applicationId, prefix, zoneA);
             ForkedInstance a2 = ForkedInstance.start(applicationId, prefix, zoneA)) {
            produce(new QueryTestService(prefix));
            a1.awaitReady(STARTUP);
            a2.awaitReady(STARTUP);
            awaitAllCountedAndSpread(zoneB);
            boolean everyTaskInZoneB = standbys > 0 ? awaitEveryTaskIn(zoneB, prefix) : holdsEveryTask(zoneB, prefix);

            a1.kill();
            a2.kill();
            Instant killed = Instant.now();
            int failed = 0;
            int asked = 0;
            Instant lastFailure = null;
            Instant deadline = killed.plus(Duration.ofSeconds(150));
            while (Instant.now().isBefore(deadline)) {
                for (String query : QUERIES) {
                    asked++;
                    Http.Answer answer = Http.get(zoneB.baseUrl(), query);
                    if (answer.status() != 200) {
                        failed++;
                        lastFailure = Instant.now();
                        assertThat(answer.status()).as(query + " answered " + answer.body()).isEqualTo(503);
                    }
                }
                boolean settled = zoneB.streams().state() == KafkaStreams.State.RUNNING
                        && zoneB.streams().metadataForAllStreamsClients().size() == 1;
                if (settled && Duration.between(lastFailure == null ? killed : lastFailure, Instant.now()).toSeconds() >= 5) {
                    break;
                }
                QueryInstance.sleep(100);
            }
            long recovered = lastFailure == null ? 0 : Duration.between(killed, lastFailure).toMillis();
            // Settled is not the end of the takeover: a promoted standby may still catch up as an active for a moment
            // (a 503, counted above while the loop ran), so the final tally is asked until it answers.
            assertThat(awaitCountsTotal(zoneB, Duration.ofSeconds(60))).as("zone b counts every event after the loss of zone a")
                    .isEqualTo(EVENTS);
            return new Outcome(recovered, failed, asked, everyTaskInZoneB);
        }
    }

    private static void produce(QueryTestService service) {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
        var events = serdes.valueSerde(ExampleEvent.class).serializer();
        Map<String, Object> config = new HashMap<>(KafkaStack.clientConfig());
        config.put("linger.ms", 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                String key = String.format("key-%04d", i % KEYS);
                ExampleEvent event = ExampleEvent.newBuilder().setId(key + "-" + i).setKind("view")
                        .setAmount(new BigDecimal(i % 50).add(new BigDecimal("0.25"))).setEventTime(Instant.now()).build();
                producer.send(new ProducerRecord<>(service.eventsTopic(), key, events.serialize(service.eventsTopic(), event)));
            }
            producer.send(new ProducerRecord<>(service.regionsTopic(), "eu-west", new StringSerializer().serialize(null, "Region eu-west")));
            producer.flush();
        }
    }

    /** Until zone b sees every event counted and all three instances hold active tasks. */
    private static void awaitAllCountedAndSpread(QueryInstance zoneB) {
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            boolean spread = zoneB.streams().state() == KafkaStreams.State.RUNNING
                    && zoneB.streams().metadataForAllStreamsClients().stream().filter(i -> !i.topicPartitions().isEmpty()).count() == 3;
            if (spread && countsTotal(zoneB) == EVENTS) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("three instances did not count every event within " + STARTUP);
            }
            QueryInstance.sleep(500);
        }
    }

    /** With standbys placed by zone, zone b holds a copy (active or standby, caught up) of every stateful task. */
    private static boolean awaitEveryTaskIn(QueryInstance zoneB, String prefix) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (holdsEveryTask(zoneB, prefix) && caughtUp(zoneB)) {
                return true;
            }
            QueryInstance.sleep(500);
        }
        return false;
    }

    private static boolean holdsEveryTask(QueryInstance zoneB, String prefix) {
        Set<String> held = new TreeSet<>();
        for (ThreadMetadata thread : zoneB.streams().metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                held.add(task.taskId().toString());
            }
            for (TaskMetadata task : thread.standbyTasks()) {
                held.add(task.taskId().toString());
            }
        }
        return held.containsAll(statefulTasks(prefix));
    }

    private static boolean caughtUp(QueryInstance zoneB) {
        for (Map<Integer, LagInfo> partitions : zoneB.streams().allLocalStorePartitionLags().values()) {
            for (LagInfo lag : partitions.values()) {
                if (lag.offsetLag() > 10) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every task of a sub-topology with a (non-global) store: its id and each of the input partitions. */
    private static Set<String> statefulTasks(String prefix) {
        TopologyDescription description = new QueryTestService(prefix)
                .topology(AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://zones"))).describe();
        Set<String> tasks = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            boolean stateful = subtopology.nodes().stream().anyMatch(node ->
                    node instanceof TopologyDescription.Processor processor && !processor.stores().isEmpty());
            for (int partition = 0; stateful && partition < QueryTestService.PARTITIONS; partition++) {
                tasks.add(subtopology.id() + "_" + partition);
            }
        }
        return tasks;
    }

    private static long awaitCountsTotal(QueryInstance instance, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long total = countsTotal(instance);
        while (total == -1 && Instant.now().isBefore(deadline)) {
            QueryInstance.sleep(250);
            total = countsTotal(instance);
        }
        return total;
    }

    /** The sum of every key's count, or -1 when a page is not answered (503 while a copy restores). */
    private static long countsTotal(QueryInstance instance) {
        long total = 0;
        String cursor = null;
        do {
            Http.Answer page = Http.get(instance.baseUrl(), "/api/stores/query.counts/keys?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (page.status() != 200) {
                assertThat(page.status()).as("a page of the counts answered " + page.body()).isEqualTo(503);
                return -1;
            }
            for (JsonNode item : page.body().path("items")) {
                total += item.path("value").longValue();
            }
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").stringValue();
        } while (cursor != null);
        return total;
    }
}
