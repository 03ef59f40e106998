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
    /** Answers of the first instance to requests sent and answered while it was REBALANCING (the second joining). */
    private static final List<Map.Entry<String, Http.Answer>> duringRebalance = new ArrayList<>();
    /** card id → number of events, also the count the store must hold. */
    private static final Map<String, Long> counts = new TreeMap<>();
    private static final Map<Long, Long> countsByCents = new TreeMap<>();
    private static final Map<String, String> regions = new TreeMap<>();

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

        for (String region : List.of("eu-north", "eu-west", "us-east", "us-west", "ap-south", "sa-east")) {
            regions.put(region, "Region " + region);
            KafkaStack.produce(service.regionsTopic(), region, "Region " + region, new StringSerializer(), new StringSerializer());
        }

        awaitFirstServing();
        second = QueryInstance.start(applicationId, prefix);
        askFirstWhileItRebalances();
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
    void answersFromTheOpenActiveCopyWhileRebalancingInsteadOf503() {
        // Keys the first instance owned before and after the second joined kept an open active copy there throughout.
        List<Map.Entry<String, Http.Answer>> kept = duringRebalance.stream()
                .filter(asked -> ownerOf(asked.getKey()).equals(first.endpoint())).toList();
        assertThat(kept).as("requests for keys the first kept, answered while it was REBALANCING").isNotEmpty();
        for (Map.Entry<String, Http.Answer> asked : kept) {
            Http.Answer answer = asked.getValue();
            assertThat(answer.status()).as(asked.getKey() + " answered " + answer.body()).isEqualTo(200);
            assertThat(answer.body().path("value").longValue()).isEqualTo(counts.get(asked.getKey()));
            assertThat(answer.header(QueryHeaders.COPY)).isEqualTo("active");
            assertThat(answer.header(QueryHeaders.INSTANCE)).isEqualTo(first.endpoint());
        }
        // A key whose partition was moving has no open copy for a moment: a 503 with Retry-After, never a wrong value.
        for (Map.Entry<String, Http.Answer> asked : duringRebalance) {
            Http.Answer answer = asked.getValue();
            if (answer.status() == 200) {
                assertThat(answer.body().path("value").longValue()).isEqualTo(counts.get(asked.getKey()));
            } else {
                assertThat(answer.status()).as(asked.getKey() + " answered " + answer.body()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("2");
            }
        }
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
        assertThat(atNonOwner.body().path("detail").stringValue()).as("our words only, no Kafka internals")
                .matches("partition \\d of store 'query\\.counts' is NOT_PRESENT here as an active, running copy"
                        + " or a copy at most 1000 offsets behind");
        assertThat(atOwner.status()).isEqualTo(200);
        assertThat(atOwner.body().path("value").longValue()).isEqualTo(counts.get(ownedBySecond));
    }

    @Test
    @Order(12)
    void globalStoreRangeOnEitherInstanceReturnsEachKeyOnceAndKeysAreAnsweredLocally() {
        List<String> expected = regions.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"").toList();
        for (QueryInstance asked : List.of(first, second)) {
            Http.Answer all = Http.get(asked.baseUrl(), "/api/stores/query.regions/keys");
            assertThat(all.status()).isEqualTo(200);
            assertThat(entries(all.body())).isEqualTo(expected);
            assertThat(all.header(QueryHeaders.INSTANCE)).isEqualTo(asked.endpoint());

            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                Http.Answer page = Http.get(asked.baseUrl(), "/api/stores/query.regions/keys?limit=4"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                paged.addAll(entries(page.body()));
                cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").stringValue();
            } while (cursor != null);
            assertThat(paged).isEqualTo(expected);

            Http.Answer one = Http.get(asked.baseUrl(), "/api/stores/query.regions/keys/us-east");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().path("value").stringValue()).isEqualTo("Region us-east");
        }
    }

    @Test
    @Order(13)
    void windowsOfOneKeyOfAllKeysAndSessionsArePagedWithLimitAndCursor() {
        String horizon = Instant.now().plusSeconds(3600).toString();
        for (String card : counts.keySet()) {
            Http.Answer all = Http.get(first.baseUrl(), "/api/stores/query.windowed-counts/keys/" + card + "/windows?from=0&to=" + horizon);
            List<String> walked = walk(second, "/api/stores/query.windowed-counts/keys/" + card + "/windows?from=0&to=" + horizon + "&limit=1");
            assertThat(walked).isEqualTo(entries(all.body()));
        }

        // Every key's windows: one per card here (all events of a card came within a second), paged 5 at a time.
        List<String> acrossKeys = walk(first, "/api/stores/query.windowed-counts/windows?from=0&to=" + horizon + "&limit=5");
        List<String> perKey = new ArrayList<>();
        for (String card : counts.keySet()) {
            perKey.addAll(entries(Http.get(second.baseUrl(), "/api/stores/query.windowed-counts/keys/" + card
                    + "/windows?from=0&to=" + horizon).body()));
        }
        assertThat(acrossKeys).isEqualTo(perKey);
        assertThat(acrossKeys).hasSizeGreaterThanOrEqualTo(counts.size());

        for (String card : counts.keySet()) {
            List<String> sessions = walk(second, "/api/stores/query.sessions/keys/" + card + "/sessions?limit=1");
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0)).endsWith("=" + counts.get(card));
        }
    }

    @Test
    @Order(14)
    void sessionQueriesTakeTimeBounds() {
        String card = counts.keySet().iterator().next();
        String sessions = "/api/stores/query.sessions/keys/" + card + "/sessions";

        Http.Answer later = Http.get(first.baseUrl(), sessions + "?from=" + Instant.now().plusSeconds(3600));
        Http.Answer earlier = Http.get(first.baseUrl(), sessions + "?to=2000-01-01T00:00:00Z");
        Http.Answer around = Http.get(second.baseUrl(), sessions + "?from=2000-01-01T00:00:00Z&to=" + Instant.now().plusSeconds(3600));

        assertThat(later.body().path("items").size()).isZero();
        assertThat(earlier.body().path("items").size()).isZero();
        assertThat(around.body().path("items").size()).isEqualTo(1);
        assertThat(around.body().path("items").get(0).path("value").longValue()).isEqualTo(counts.get(card));
    }

    @Test
    @Order(15)
    void everyAnswerSaysWhichCopyAnsweredOnWhichInstanceAndItsLag() {
        String ownedBySecond = counts.keySet().stream().filter(key -> ownerOf(key).equals(second.endpoint())).findFirst().orElseThrow();

        Http.Answer forwarded = Http.get(first.baseUrl(), "/api/stores/query.counts/keys/" + ownedBySecond);
        Http.Answer fannedOut = Http.get(first.baseUrl(), "/api/stores/query.counts/keys");

        assertThat(forwarded.header(QueryHeaders.COPY)).isEqualTo("active");
        assertThat(forwarded.header(QueryHeaders.INSTANCE)).isEqualTo(second.endpoint());
        assertThat(forwarded.header(QueryHeaders.LAG)).isEqualTo("0");
        assertThat(fannedOut.header(QueryHeaders.COPY)).isEqualTo("active");
        assertThat(fannedOut.header(QueryHeaders.INSTANCE).split(",")).containsExactlyInAnyOrder(first.endpoint(), second.endpoint());
        assertThat(fannedOut.header(QueryHeaders.LAG)).isEqualTo("0");
    }

    @Test
    @Order(99)
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

    /** Follows nextCursor, alternating the instance asked, and returns every item. */
    private static List<String> walk(QueryInstance start, String pathAndQuery) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        QueryInstance asked = start;
        int pages = 0;
        do {
            Http.Answer page = Http.get(asked.baseUrl(), pathAndQuery + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(pathAndQuery + " answered " + page.body()).isEqualTo(200);
            walked.addAll(entries(page.body()));
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").stringValue();
            asked = asked == first ? second : first;
            assertThat(++pages).as("pages of " + pathAndQuery).isLessThan(1000);
        } while (cursor != null);
        return walked;
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

    /** Until the first instance alone answers every count. */
    private static void awaitFirstServing() {
        Instant deadline = Instant.now().plus(STARTUP);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        while (true) {
            Http.Answer all = Http.get(first.baseUrl(), "/api/stores/query.counts/keys");
            if (all.status() == 200 && all.body().path("items").size() == counts.size() && sum(all.body()) == total) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the first instance did not serve every count within " + STARTUP + ": " + all.body());
            }
            QueryInstance.sleep(100);
        }
    }

    /** Keeps asking the first instance for a key while the second joins; keeps the answers sent and received within REBALANCING. */
    private static void askFirstWhileItRebalances() {
        Instant deadline = Instant.now().plus(STARTUP);
        boolean seen = false;
        List<String> cards = List.copyOf(counts.keySet());
        int asked = 0;
        while (Instant.now().isBefore(deadline)) {
            String card = cards.get(asked % cards.size());
            boolean before = first.streams().state() == KafkaStreams.State.REBALANCING;
            Http.Answer answer = before ? Http.get(first.baseUrl(), "/api/stores/query.counts/keys/" + card) : null;
            boolean after = first.streams().state() == KafkaStreams.State.REBALANCING;
            if (before && after) {
                duringRebalance.add(Map.entry(card, answer));
                asked++;
            }
            seen |= before;
            if (seen && !after && duringRebalance.size() > 0) {
                return;
            }
            if (!before) {
                QueryInstance.sleep(5);
            }
        }
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
            Http.Answer globals = running && split ? Http.get(first.baseUrl(), "/api/stores/query.regions/keys/sa-east") : null;
            if (all != null && all.status() == 200 && all.body().path("items").size() == counts.size()
                    && customers.status() == 200 && customers.body().path("items").size() == 8
                    && globals.status() == 200
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
