package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.fixtures.Customer;
import io.streamsuite.kit.fixtures.CustomerKey;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of one application, each with its own application.server and state dir, sharing
 * four partitions: whichever instance is asked, the answer is the whole application's.
 */
@WithKafkaStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceQueryTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static QueryTestService service;
    private static QueryInstance first;
    private static QueryInstance second;
    private static Http.Answer secondJustAfterJoining;
    /** card id → number of events, also the count the store must hold. */
    private static final Map<String, Long> counts = new TreeMap<>();
    private static final Map<Long, Long> countsByCents = new TreeMap<>();

    @BeforeAll
    static void startTwoInstancesOverFourPartitions() {
        String prefix = KafkaStack.uniqueName("query");
        String applicationId = prefix + "-app";
        service = new QueryTestService(prefix);
        first = QueryInstance.start(applicationId, prefix);
        first.awaitRunning(STARTUP);

        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
        var eventSerializer = serdes.valueSerde(ExampleEvent.class).serializer();
        for (int card = 0; card < 12; card++) {
            String key = String.format("card-%02d", card);
            long events = card % 3 + 1;
            for (int n = 0; n < events; n++) {
                BigDecimal amount = new BigDecimal(card - 4).add(new BigDecimal("0.25"));
                ExampleEvent event = ExampleEvent.newBuilder().setId(key + "-" + n).setKind("view")
                        .setAmount(amount).setEventTime(CREATED).build();
                KafkaStack.produce(service.eventsTopic(), key, event, new StringSerializer(), eventSerializer);
                countsByCents.merge(amount.movePointRight(2).longValueExact(), 1L, Long::sum);
            }
            counts.put(key, events);
        }
        for (int id = 0; id < 8; id++) {
            Customer customer = Customer.newBuilder().setId("c-" + id).setName("Customer " + id)
                    .setBalance(new BigDecimal("1234.56")).setCreatedAt(CREATED).build();
            KafkaStack.produce(service.customersTopic(), CustomerKey.newBuilder().setId("c-" + id).build(), customer,
                    serdes.keySerde(CustomerKey.class).serializer(), serdes.valueSerde(Customer.class).serializer());
        }

        second = QueryInstance.start(applicationId, prefix);
        secondJustAfterJoining = Http.get(second.baseUrl(), "/api/stores/" + QueryTestService.COUNTS + "/keys/card-00");
        awaitBothServingEverything();
    }

    @AfterAll
    static void stopInstances() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void answers503WithRetryAfterAndAProblemWhileAnInstanceIsStillJoining() {
        assertThat(secondJustAfterJoining.status()).isEqualTo(503);
        assertThat(secondJustAfterJoining.header("Retry-After")).isEqualTo("2");
        JsonNode problem = secondJustAfterJoining.body();
        assertThat(problem.path("type").stringValue()).isEqualTo(StoreQueryProblemHandler.STORE_UNAVAILABLE.toString());
        assertThat(problem.path("status").intValue()).isEqualTo(503);
        assertThat(problem.path("title").stringValue()).isEqualTo("Store unavailable");
        assertThat(problem.path("detail").stringValue()).contains("not RUNNING");
        assertThat(problem.path("instance").stringValue()).isEqualTo("/api/stores/query.counts/keys/card-00");
    }

    @Test
    @Order(2)
    void keyQueryOnEitherInstanceReturnsTheOwnersValue() {
        Set<String> owners = new HashSet<>();
        for (Map.Entry<String, Long> card : counts.entrySet()) {
            owners.add(ownerOf(card.getKey()));
            for (QueryInstance asked : List.of(first, second)) {
                Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.counts/keys/" + card.getKey());
                assertThat(answer.status()).as("%s asked for %s", asked.endpoint(), card.getKey()).isEqualTo(200);
                assertThat(answer.body().path("key").stringValue()).isEqualTo(card.getKey());
                assertThat(answer.body().path("value").longValue()).isEqualTo(card.getValue());
            }
        }
        assertThat(owners).as("both instances own keys").containsExactlyInAnyOrder(first.endpoint(), second.endpoint());
    }

    @Test
    @Order(3)
    void allQueryOnEitherInstanceReturnsTheExactUnionInKeyOrder() {
        for (QueryInstance asked : List.of(first, second)) {
            Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.counts/keys");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(entries(answer.body())).isEqualTo(new ArrayList<>(counts.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            assertThat(answer.body().path("nextCursor").isNull()).isTrue();
        }
    }

    @Test
    @Order(4)
    void pagesWalkTheUnionWithCursorsWhicheverInstanceIsAsked() {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            QueryInstance asked = page++ % 2 == 0 ? first : second;
            Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.counts/keys?limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("items").size()).isLessThanOrEqualTo(5);
            walked.addAll(entries(answer.body()));
            cursor = answer.body().path("nextCursor").isNull() ? null : answer.body().path("nextCursor").stringValue();
        } while (cursor != null);

        assertThat(page).isEqualTo(3);
        assertThat(walked).isEqualTo(counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    @Order(5)
    void rangeOfKeysIsInclusiveAndMergedAcrossInstances() {
        Http.Answer answer = Http.get(second.baseUrl(), "/api/stores/query.counts/keys?from=card-03&to=card-07");

        assertThat(entries(answer.body())).containsExactly("card-03=1", "card-04=2", "card-05=3", "card-06=1", "card-07=2");
    }

    @Test
    @Order(6)
    void longKeysFedByARepartitionTopicMergeInNumericOrderIncludingNegatives() {
        for (QueryInstance asked : List.of(first, second)) {
            Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.counts-by-cents/keys");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(entries(answer.body())).isEqualTo(countsByCents.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        Http.Answer negatives = Http.get(first.baseUrl(), "/api/stores/query.counts-by-cents/keys?from=-375&to=-75&limit=2");
        assertThat(entries(negatives.body())).containsExactly("-375=1", "-275=2");
        assertThat(negatives.body().path("nextCursor").isString()).isTrue();
    }

    @Test
    @Order(7)
    void avroKeyGivenAsJsonIsAnsweredOnEitherInstanceWithCleanJson() {
        for (int id = 0; id < 8; id++) {
            String key = Http.encode("{\"id\":\"c-" + id + "\"}");
            for (QueryInstance asked : List.of(first, second)) {
                Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.customers/entry?key=" + key);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body().path("key").toString()).isEqualTo("{\"id\":\"c-" + id + "\"}");
                assertThat(answer.raw().body()).contains("\"balance\":1234.56");
                assertThat(answer.body().path("value").path("createdAt").stringValue()).isEqualTo(CREATED.toString());
                assertThat(answer.body().path("value").has("schema")).isFalse();
                assertThat(answer.body().path("timestamp").isString()).isTrue();
            }
        }
    }

    @Test
    @Order(8)
    void timestampedStoreAnswersTheLatestValueAndItsTimestamp() {
        Http.Answer answer = Http.get(second.baseUrl(), "/api/stores/query.latest/keys/card-05");

        assertThat(answer.body().path("value").path("id").stringValue()).isEqualTo("card-05-2");
        assertThat(answer.body().path("value").path("amount").decimalValue()).isEqualTo(new BigDecimal("1.25"));
        assertThat(answer.body().path("value").path("eventTime").stringValue()).isEqualTo(CREATED.toString());
        assertThat(Instant.parse(answer.body().path("timestamp").stringValue())).isAfter(CREATED);
    }

    @Test
    @Order(9)
    void windowAndSessionFetchesAreAnsweredByTheOwnerWhicheverInstanceIsAsked() {
        for (Map.Entry<String, Long> card : counts.entrySet()) {
            for (QueryInstance asked : List.of(first, second)) {
                Http.Answer windows = Http.get(asked.baseUrl(), "/api/stores/query.windowed-counts/keys/" + card.getKey()
                        + "/windows?from=0&to=" + Instant.now().plusSeconds(60));
                assertThat(windows.status()).isEqualTo(200);
                long total = 0;
                for (JsonNode window : windows.body().path("items")) {
                    Instant start = Instant.parse(window.path("key").path("windowStart").stringValue());
                    assertThat(Instant.parse(window.path("key").path("windowEnd").stringValue())).isEqualTo(start.plus(QueryTestService.WINDOW));
                    assertThat(window.path("key").path("key").stringValue()).isEqualTo(card.getKey());
                    total += window.path("value").longValue();
                }
                assertThat(total).isEqualTo(card.getValue());

                Http.Answer sessions = Http.get(asked.baseUrl(), "/api/stores/query.sessions/keys/" + card.getKey() + "/sessions");
                assertThat(sessions.status()).isEqualTo(200);
                assertThat(sessions.body().path("items").size()).isEqualTo(1);
                assertThat(sessions.body().path("items").get(0).path("value").longValue()).isEqualTo(card.getValue());
            }
        }
    }

    @Test
    @Order(10)
    void hopHeaderMakesAnInstanceAnswerLocallyAndNeverForwardAgain() {
        String ownedBySecond = counts.keySet().stream().filter(key -> ownerOf(key).equals(second.endpoint())).findFirst().orElseThrow();

        Http.Answer atNonOwner = Http.get(first.baseUrl(), "/api/stores/query.counts/keys/" + ownedBySecond, QueryHeaders.HOP, "1");
        Http.Answer atOwner = Http.get(second.baseUrl(), "/api/stores/query.counts/keys/" + ownedBySecond, QueryHeaders.HOP, "1");

        assertThat(atNonOwner.status()).as("not forwarded: the non-owner has no active copy").isEqualTo(503);
        assertThat(atNonOwner.body().path("detail").stringValue()).contains("NOT_PRESENT");
        assertThat(atOwner.status()).isEqualTo(200);
        assertThat(atOwner.body().path("value").longValue()).isEqualTo(counts.get(ownedBySecond));
    }

    @Test
    @Order(11)
    void anUnreachableOwnerIsA503WithRetryAfterNotAHang() {
        String ownedBySecond = counts.keySet().stream().filter(key -> ownerOf(key).equals(second.endpoint())).findFirst().orElseThrow();
        ((WebServerApplicationContext) second.context()).getWebServer().stop();

        long started = System.nanoTime();
        Http.Answer key = Http.get(first.baseUrl(), "/api/stores/query.counts/keys/" + ownedBySecond);
        Http.Answer all = Http.get(first.baseUrl(), "/api/stores/query.counts/keys");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (Http.Answer answer : List.of(key, all)) {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("2");
            assertThat(answer.body().path("detail").stringValue()).contains("did not answer");
        }
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    private static String ownerOf(String key) {
        KeyQueryMetadata metadata = first.streams().queryMetadataForKey(QueryTestService.COUNTS, key, new StringSerializer());
        return metadata.activeHost().host() + ":" + metadata.activeHost().port();
    }

    private static List<String> entries(JsonNode page) {
        List<String> entries = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            String key = item.path("key").isString() ? item.path("key").stringValue() : item.path("key").toString();
            entries.add(key + "=" + item.path("value").toString());
        }
        return entries;
    }

    /** Until both run, each owns partitions of every store, and every count is visible from the first. */
    private static void awaitBothServingEverything() {
        first.awaitRunning(STARTUP);
        second.awaitRunning(STARTUP);
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            boolean running = first.streams().state() == KafkaStreams.State.RUNNING
                    && second.streams().state() == KafkaStreams.State.RUNNING;
            boolean split = first.streams().streamsMetadataForStore(QueryTestService.COUNTS).stream()
                    .filter(instance -> !instance.topicPartitions().isEmpty()).map(StreamsMetadata::hostInfo).distinct().count() == 2;
            Http.Answer all = running && split ? Http.get(first.baseUrl(), "/api/stores/query.counts/keys") : null;
            Http.Answer customers = running && split ? Http.get(second.baseUrl(), "/api/stores/query.customers/keys") : null;
            Http.Answer cents = running && split ? Http.get(second.baseUrl(), "/api/stores/query.counts-by-cents/keys") : null;
            if (all != null && all.status() == 200 && all.body().path("items").size() == counts.size()
                    && customers.status() == 200 && customers.body().path("items").size() == 8
                    && cents.status() == 200 && entries(cents.body()).size() == countsByCents.size()
                    && sum(cents.body()) == counts.values().stream().mapToLong(Long::longValue).sum()
                    && sum(all.body()) == counts.values().stream().mapToLong(Long::longValue).sum()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("two instances did not serve every record within " + STARTUP
                        + "; last all answer: " + (all == null ? "none" : all.body()));
            }
            QueryInstance.sleep(200);
        }
    }

    private static long sum(JsonNode page) {
        long sum = 0;
        for (JsonNode item : page.path("items")) {
            sum += item.path("value").longValue();
        }
        return sum;
    }
}
