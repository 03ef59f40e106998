package io.streamsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.deadletter.DeadLetterHeader;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.PageViewWindow;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a real broker and registry, two instances, fed by the event simulator's web traffic
 * plus a v2 writer (an uptime probe, synthetic = true), a v1 writer and two poison records. After the
 * traffic a single view far later in event time, on one input partition, closes every window on
 * every page partition: the stream-time ticks carry it there.
 */
@WithKafkaStack
class MetricsAggregatorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DLQ = MetricsTopics.APPLICATION_ID + ".dlq";
    private static final int PARTITIONS = 3;
    private static final long MINUTE = 60_000;

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    private static final Instant CLOSING_AT = BASE.plus(Duration.ofMinutes(10));
    private static final String PROBE = "probe-eu-1";
    private static final String LEGACY_USER = "legacy-client-1";

    private static AvroSerdes serdes;
    private static AppInstance first;
    private static AppInstance second;
    /** Every page view the service should count, as read back from the input topic. */
    private static List<PageView> counted;
    private static final Map<String, RecordMetadata> poison = new HashMap<>();

    @BeforeAll
    static void startTwoAndFeed() throws Exception {
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        KafkaStack.createTopics(PARTITIONS, MetricsTopics.PAGE_VIEWS);
        first = MetricsInstance.start(Map.of());
        second = MetricsInstance.start(Map.of());
        first.awaitReady(Duration.ofSeconds(90));
        second.awaitReady(Duration.ofSeconds(90));

        SimulatorRun.webTraffic(BASE, 2_000, 7);
        for (int i = 1; i <= 3; i++) {
            send(Views.view("/status").by(PROBE).probe().latency(5).at(BASE.plusSeconds(i)).build());
        }
        sendWithV1Schema(Views.view("/legacy/home").by(LEGACY_USER).at(BASE.plusSeconds(2)).build());
        poison.put("poison-bytes", KafkaStack.produce(MetricsTopics.PAGE_VIEWS, "poison-bytes".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f}));
        PageView pathless = Views.view("products-without-slash").by("poison-page").at(BASE.plusSeconds(3)).build();
        poison.put("poison-page", KafkaStack.produce(MetricsTopics.PAGE_VIEWS, "poison-page", pathless,
                Serdes.String().serializer(), serdes.valueSerde(PageView.class).serializer()));

        counted = readBackCountedViews();
        awaitConsumed();
        send(Views.view("/closing").by("closer").at(CLOSING_AT).build());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void everyWindowOfEveryPagePartitionClosesOnceWithItsExactCountThoughOneInputPartitionSawTheLastRecord() {
        Map<String, Long> expected = counted.stream()
                .collect(Collectors.groupingBy(v -> v.getPage() + "@" + windowStart(v.getEventTime()), Collectors.counting()));
        Set<Integer> pagePartitions = counted.stream().map(v -> pagePartition(v.getPage())).collect(Collectors.toSet());
        assertThat(pagePartitions).as("the traffic spans every page partition").hasSize(PARTITIONS);

        List<PageViewWindow> closed = awaitValues(MetricsTopics.PAGE_COUNTS, PageViewWindow.class,
                w -> w.getWindowStart().isBefore(CLOSING_AT), expected.size());
        Map<String, Long> published = new HashMap<>();
        for (PageViewWindow window : closed) {
            Long previous = published.put(window.getPage() + "@" + window.getWindowStart(), window.getViews());
            assertThat(previous).as("one record per page and window: " + window.getPage()).isNull();
        }
        assertThat(published).isEqualTo(expected);
    }

    @Test
    void eitherInstanceAnswersCountsLatencyAndVisitorsOfAPageWithSlashesInItsPath() throws Exception {
        String page = busiestPage();
        assertThat(page).startsWith("/").contains("/");
        List<PageView> views = counted.stream().filter(v -> v.getPage().equals(page)).toList();
        String range = "&from=" + BASE.minus(Duration.ofMinutes(1)) + "&to=" + BASE.plus(Duration.ofMinutes(5));

        JsonNode fromFirst = ok(first, "/api/pages/counts?page=" + page + range);
        JsonNode fromSecond = ok(second, "/api/pages/counts?page=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + range);
        assertThat(fromFirst.get("views").asLong()).isEqualTo(views.size());
        assertThat(fromSecond).isEqualTo(fromFirst);
        assertThat(fromFirst.get("page").asString()).isEqualTo(page);
        long errors = views.stream().filter(v -> v.getHttpStatus() >= 500).count();
        assertThat(fromFirst.get("errors").asLong()).isEqualTo(errors);

        JsonNode latency = ok(second, "/api/pages/latency?page=" + page + range).get("merged");
        double[] sorted = views.stream().mapToDouble(PageView::getLatencyMs).sorted().toArray();
        assertThat(latency.get("count").asLong()).isEqualTo(views.size());
        assertThat(latency.get("p99").asDouble())
                .isCloseTo(sorted[(int) Math.floor(0.99 * (sorted.length - 1))], org.assertj.core.data.Percentage.withPercentage(1));

        JsonNode visitors = ok(first, "/api/pages/visitors?page=" + page + range);
        long exactVisitors = views.stream().map(PageView::getUserId).distinct().count();
        assertThat((double) visitors.get("total").asLong()).isCloseTo(exactVisitors, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(visitors.get("windows").get(0).get("windowEnd").asString())
                .isEqualTo(Instant.parse(visitors.get("windows").get(0).get("windowStart").asString()).plus(Duration.ofMinutes(5)).toString());
    }

    @Test
    void topPagesOfAWindowFromEitherInstanceEqualABruteForceCount() throws Exception {
        Instant window = windowStart(counted.get(0).getEventTime());
        List<String> expected = counted.stream().filter(v -> windowStart(v.getEventTime()).equals(window))
                .collect(Collectors.groupingBy(PageView::getPage, Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> e.getKey() + "=" + e.getValue()).toList();
        // Each page partition's final counts reach the top-pages table on their own, so a window's answer is
        // exact once all of them have arrived: ask until then (an answer is never wrong, only partial before).
        for (AppInstance instance : List.of(first, second)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> ranked = topPages(instance, window);
            while (!ranked.equals(expected) && System.nanoTime() < deadline) {
                AppInstance.sleep(500);
                ranked = topPages(instance, window);
            }
            assertThat(ranked).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void sessionsComeFromEitherInstanceIncludingAV1WritersAndNoneForAProbe() throws Exception {
        Map.Entry<String, Long> busiestUser = counted.stream().filter(v -> !PROBE.equals(v.getUserId()))
                .collect(Collectors.groupingBy(PageView::getUserId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        String range = "?from=" + BASE.minus(Duration.ofHours(1)) + "&to=" + BASE.plus(Duration.ofHours(1));
        for (AppInstance instance : List.of(first, second)) {
            JsonNode sessions = ok(instance, "/api/users/" + busiestUser.getKey() + "/sessions" + range).get("sessions");
            long views = 0;
            for (JsonNode session : sessions) {
                views += session.get("pageViews").asLong();
            }
            assertThat(views).isEqualTo(busiestUser.getValue());
        }
        JsonNode legacy = ok(second, "/api/users/" + LEGACY_USER + "/sessions" + range).get("sessions");
        assertThat(legacy).hasSize(1);
        assertThat(legacy.get(0).get("entryPage").asString()).isEqualTo("/legacy/home");
        assertThat(legacy.get(0).get("bounce").asBoolean()).isTrue();

        assertThat(ok(first, "/api/users/" + PROBE + "/sessions" + range).get("sessions")).isEmpty();
        String statusRange = "&from=" + BASE.minus(Duration.ofMinutes(1)) + "&to=" + BASE.plus(Duration.ofMinutes(5));
        assertThat(ok(first, "/api/pages/counts?page=/status" + statusRange).get("views").asLong()).isEqualTo(3);
        assertThat(ok(second, "/api/pages/visitors?page=/status" + statusRange).get("total").asLong()).isZero();
    }

    @Test
    void badRequestsAnswer400ProblemsNeverA5xx() {
        List<String> bad = List.of("/api/pages/counts", "/api/pages/counts?page=products", "/api/pages/latency?page=%00",
                "/api/pages/visitors?page=/a&from=yesterday", "/api/pages/counts?page=/a&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "/api/pages/counts?page=/a&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "/api/top-pages?at=noon",
                "/api/pages/counts?page=/a?b=c", "/api/users/" + "u".repeat(300) + "/sessions",
                "/api/users/u-1/sessions?from=99999999999999999999");
        for (String path : bad) {
            HttpResponse<String> response = first.getWhenAvailable(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(response.body()).as(path).doesNotContain("Exception", "\tat ", "io.streamsuite");
        }
        assertThat(second.getWhenAvailable("/api/top-pages?at=" + BASE.minus(Duration.ofDays(1))).statusCode()).isEqualTo(404);
    }

    @Test
    void poisonRecordsLandInTheDeadLetterTopicWithTheirProvenance() {
        List<ConsumerRecord<byte[], byte[]>> dead = awaitRaw(DLQ, r -> r.key() != null
                && poison.containsKey(new String(r.key(), StandardCharsets.UTF_8)), 2);
        assertThat(dead).hasSize(2);
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            Map<String, String> headers = KafkaStack.headersAsText(record);
            RecordMetadata source = poison.get(key);
            assertThat(headers.get(DeadLetterHeader.SOURCE_TOPIC.key())).as(key).isEqualTo(MetricsTopics.PAGE_VIEWS);
            assertThat(headers.get(DeadLetterHeader.SOURCE_PARTITION.key())).as(key).isEqualTo(String.valueOf(source.partition()));
            assertThat(headers.get(DeadLetterHeader.SOURCE_OFFSET.key())).as(key).isEqualTo(String.valueOf(source.offset()));
            assertThat(headers.get(DeadLetterHeader.APPLICATION_ID.key())).as(key).isEqualTo(MetricsTopics.APPLICATION_ID);
        }
        Map<String, String> byKey = dead.stream().collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8),
                r -> KafkaStack.headersAsText(r).get(DeadLetterHeader.EXCEPTION.key())));
        assertThat(byKey.get("poison-page")).contains("InvalidPageViewException");
        assertThat(byKey.get("poison-bytes")).isNotBlank();
        assertThat(dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("poison-bytes")).findFirst()
                .orElseThrow().value()).containsExactly(0x13, 0x37, 0x00, 0x42, 0x7f);
    }

    @Test
    void openApiDocumentsEveryRoute() {
        String docs = first.get("/v3/api-docs").body();
        assertThat(docs).contains("/api/pages/counts", "/api/pages/latency", "/api/pages/visitors",
                "/api/users/{userId}/sessions", "/api/top-pages", "Unique visitors of a page in hopping windows");
    }

    private static String busiestPage() {
        return counted.stream().filter(v -> v.getPage().indexOf('/', 1) > 0)
                .collect(Collectors.groupingBy(PageView::getPage, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    private static Instant windowStart(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), MINUTE));
    }

    /** The page partition, as the repartition and the query layer place a page. */
    private static int pagePartition(String page) {
        return Utils.toPositive(Utils.murmur2(page.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static JsonNode ok(AppInstance instance, String path) {
        HttpResponse<String> response = instance.getWhenAvailable(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Polls until 200: top pages exist once the windows closed. */
    private static List<String> topPages(AppInstance instance, Instant window) {
        List<String> ranked = new ArrayList<>();
        awaitOk(instance, "/api/top-pages?at=" + window.plusSeconds(30)).get("pages")
                .forEach(p -> ranked.add(p.get("page").asString() + "=" + p.get("views").asLong()));
        return ranked;
    }

    private static JsonNode awaitOk(AppInstance instance, String path) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = instance.getWhenAvailable(path);
        while (response.statusCode() == 404 && System.nanoTime() < deadline) {
            AppInstance.sleep(500);
            response = instance.getWhenAvailable(path);
        }
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void send(PageView view) {
        KafkaStack.produce(MetricsTopics.PAGE_VIEWS, view.getUserId(), view, Serdes.String().serializer(),
                serdes.valueSerde(PageView.class).serializer());
    }

    /** A page view written by a client still on the v1 schema (no synthetic field), as a GenericRecord. */
    private static void sendWithV1Schema(PageView view) throws IOException {
        Schema v1;
        try (InputStream in = MetricsAggregatorIntegrationTest.class.getResourceAsStream("/schema-history/web/PageView/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        assertThat(v1.getField("synthetic")).isNull();
        GenericRecord record = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            Object value = view.get(field.name());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                value = new GenericData.EnumSymbol(field.schema(), symbol.name());
            }
            record.put(field.name(), value);
        }
        KafkaStack.produce(MetricsTopics.PAGE_VIEWS, view.getUserId(), record, Serdes.String().serializer(),
                serdes.genericValueSerde().serializer());
    }

    /** Everything on the input topic but the poison, decoded (the v1 record with the current schema). */
    private static List<PageView> readBackCountedViews() {
        var deserializer = serdes.valueSerde(PageView.class).deserializer();
        List<ConsumerRecord<byte[], byte[]>> raw = KafkaStack.readAll(MetricsTopics.PAGE_VIEWS, 2_000 + 6, WAIT);
        List<PageView> views = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : raw) {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            if (!poison.containsKey(key)) {
                views.add(deserializer.deserialize(MetricsTopics.PAGE_VIEWS, record.headers(), record.value()));
            }
        }
        assertThat(views).hasSize(2_000 + 4);
        return views;
    }

    /** Waits until the service's group committed every input record: the closing record then comes after all of them. */
    private static void awaitConsumed() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(MetricsTopics.PAGE_VIEWS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(MetricsTopics.APPLICATION_ID).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                AppInstance.sleep(500);
            }
        }
        throw new AssertionError("the service did not consume the input within " + WAIT);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> awaitValues(String topic, Class<T> type,
                                                                                          java.util.function.Predicate<T> matching,
                                                                                          int expected) {
        var deserializer = serdes.valueSerde(type).deserializer();
        java.util.function.Function<java.util.stream.Stream<ConsumerRecord<byte[], byte[]>>, java.util.stream.Stream<T>> select =
                records -> records.map(r -> deserializer.deserialize(topic, r.headers(), r.value())).filter(matching);
        List<T> found = KafkaStack.awaitSelected(topic, select, expected, WAIT);
        if (found.size() < expected) {
            return found;
        }
        // A duplicate, if any, would arrive right after.
        AppInstance.sleep(2_000);
        return select.apply(KafkaStack.readAll(topic).stream()).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitRaw(String topic,
                                                                 java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                                 int expected) {
        return KafkaStack.awaitSelected(topic, records -> records.filter(matching), expected, WAIT);
    }
}
