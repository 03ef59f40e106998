package io.streamsuite.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.deadletter.DeadLetterHeader;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.SimulatorJar;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on a real broker and registry, fed the event simulator's shop traffic (its own jar, catalog and
 * interactions with poison records mixed in): every simulated shopper's published recommendations are answered
 * alike by either instance; every poison interaction lands in the dead-letter topic with its provenance. Beside
 * that traffic, an Item written with schema v1 (no stock; a catalog writer the simulator no longer is) is read by
 * the v2 service as in stock and recommended; bad input is a 400 problem.
 */
@WithKafkaStack
class RecommendationUpdaterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DLQ = RecommendationTopics.APPLICATION_ID + ".dlq";
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    /** Simulated shop events (catalog stock changes included) and their shoppers and items. */
    private static final int SHOP_EVENTS = 4000;
    private static final int SHOPPERS = 400;
    private static final String POISON_HEADER = "simulator.poison";

    private static AvroSerdes serdes;
    private static AppInstance first;
    private static AppInstance second;

    @BeforeAll
    static void startAndFeed() {
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        KafkaStack.createTopics(3, RecommendationTopics.INTERACTIONS, RecommendationTopics.ITEMS);
        item(Shop.item("it-lamp", "home", true));
        itemWithV1Schema("it-old-shade", "home");
        first = AppInstance.start(RecommendationUpdaterApplication.class, RecommendationTopics.APPLICATION_ID, Map.of());
        second = AppInstance.start(RecommendationUpdaterApplication.class, RecommendationTopics.APPLICATION_ID, Map.of());
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));
        // The simulator's shop: a catalog of SHOPPERS / 5 items, then interactions with its hidden bundles, stock
        // changes and 2 % poison records; its clock ends well before the hand-made events below.
        SimulatorJar.run(Duration.ofSeconds(180), "--domains=shop", "--count=" + SHOP_EVENTS, "--rate=0", "--seed=11",
                "--start=" + BASE.minus(Duration.ofMinutes(30)), "--population=" + SHOPPERS, "--poison-share=0.02",
                "--no-create-topics");

        act("it-alice", "it-lamp", InteractionType.PURCHASE, BASE);
        act("it-alice", "it-old-shade", InteractionType.PURCHASE, BASE.plusSeconds(30));
        // The users' views score from the related items the global table holds: wait until it has them.
        awaitOk(first, "/api/items/it-lamp/similar");
        AppInstance.sleep(2000);
        // Users spread over the partitions, so each instance owns some of them.
        for (int u = 0; u < 6; u++) {
            act("it-user-" + u, "it-lamp", InteractionType.VIEW, BASE.plusSeconds(60 + u));
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void itemWrittenWithSchemaV1IsInStockAndRecommendedByEitherInstance() {
        for (int u = 0; u < 6; u++) {
            String path = "/api/users/it-user-" + u + "/recommendations";
            JsonNode fromFirst = awaitOk(first, path);
            JsonNode fromSecond = awaitOk(second, path);
            assertThat(fromFirst.get("items").get(0).get("itemId").asString()).isEqualTo("it-old-shade");
            assertThat(fromSecond).isEqualTo(fromFirst);
        }
        JsonNode similar = awaitOk(second, "/api/items/it-lamp/similar?limit=5");
        assertThat(similar.get("related").get(0).get("itemId").asString()).isEqualTo("it-old-shade");
    }

    @Test
    void badInputIsA400ProblemWithoutInternals() {
        for (String path : List.of("/api/users/bad%20id/recommendations", "/api/items/it-lamp/similar?limit=abc",
                "/api/items/it-lamp/similar?limit=0", "/api/items/it-lamp/conversion?from=yesterday",
                "/api/items/it-lamp/conversion?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/api/categories/home/trending?at=noon")) {
            HttpResponse<String> answer = first.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(answer.body()).as(path).doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThat(first.getWhenAvailable("/api/users/it-nobody/recommendations").statusCode()).isEqualTo(404);
    }

    @Test
    void everySimulatedShoppersPublishedRecommendationsAreAnsweredAlikeByEitherInstance() {
        Map<String, List<String>> published = awaitPublishedShoppers();
        assertThat(published).as("simulated shoppers with recommendations").hasSizeGreaterThanOrEqualTo(20);
        for (Map.Entry<String, List<String>> shopper : published.entrySet().stream().limit(40).toList()) {
            String path = "/api/users/" + shopper.getKey() + "/recommendations";
            JsonNode fromFirst = awaitOk(first, path);
            JsonNode fromSecond = awaitOk(second, path);
            assertThat(fromSecond).as(path).isEqualTo(fromFirst);
            assertThat(fromFirst.get("items").valueStream().map(item -> item.get("itemId").asString()).toList())
                    .as(path).isEqualTo(shopper.getValue());
        }
    }

    @Test
    void everySimulatedPoisonInteractionLandsInTheDeadLetterTopicWithItsProvenance() {
        List<ConsumerRecord<byte[], byte[]>> poison = KafkaStack.readAll(RecommendationTopics.INTERACTIONS).stream()
                .filter(r -> r.headers().lastHeader(POISON_HEADER) != null).toList();
        assertThat(poison).as("the simulator's poison interactions").isNotEmpty();
        Map<String, byte[]> expected = new HashMap<>();
        poison.forEach(r -> expected.put(r.partition() + "@" + r.offset(), r.value()));

        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> dead = Map.of();
        while (System.nanoTime() < deadline) {
            dead = KafkaStack.readAll(DLQ).stream()
                    .filter(r -> RecommendationTopics.INTERACTIONS.equals(header(r, DeadLetterHeader.SOURCE_TOPIC)))
                    .collect(Collectors.groupingBy(r -> header(r, DeadLetterHeader.SOURCE_PARTITION) + "@"
                            + header(r, DeadLetterHeader.SOURCE_OFFSET)));
            if (dead.keySet().containsAll(expected.keySet())) {
                break;
            }
            AppInstance.sleep(500);
        }
        assertThat(dead.keySet()).as("source partition@offset of the dead letters").containsAll(expected.keySet());
        for (Map.Entry<String, byte[]> source : expected.entrySet()) {
            assertThat(dead.get(source.getKey())).as(source.getKey()).singleElement().satisfies(letter -> {
                assertThat(letter.value()).isEqualTo(source.getValue());
                assertThat(header(letter, DeadLetterHeader.APPLICATION_ID)).isEqualTo(RecommendationTopics.APPLICATION_ID);
            });
        }
    }

    /**
     * The simulated shoppers' latest non-empty recommendations on the output topic, once the service has caught
     * up with everything it was given (no lag on any of its topics) and its refresh has re-scored every user from
     * the final related items (the output still for several refresh periods), so the answers no longer move.
     */
    private static Map<String, List<String>> awaitPublishedShoppers() {
        awaitNoLag(RecommendationTopics.APPLICATION_ID);
        awaitStill(RecommendationTopics.RECOMMENDATIONS, Duration.ofSeconds(10));
        awaitNoLag(RecommendationTopics.APPLICATION_ID);
        Deserializer<UserRecommendations> deserializer = serdes.valueSerde(UserRecommendations.class).deserializer();
        Map<String, List<String>> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(RecommendationTopics.RECOMMENDATIONS)) {
            String user = new String(record.key(), StandardCharsets.UTF_8);
            if (!user.startsWith("user-")) {
                continue;
            }
            if (record.value() == null) {
                latest.remove(user);
                continue;
            }
            UserRecommendations recommendations = deserializer.deserialize(RecommendationTopics.RECOMMENDATIONS, record.value());
            latest.put(user, recommendations.getItems().stream().map(RecommendedItem::getItemId).toList());
        }
        latest.values().removeIf(List::isEmpty);
        return latest;
    }

    /** Waits until no record was added to {@code topic} for {@code still}. */
    private static void awaitStill(String topic, Duration still) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> seen = Map.of();
            long stillSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, end) -> ends.put(tp, end.offset()));
                if (!ends.equals(seen)) {
                    seen = ends;
                    stillSince = System.nanoTime();
                } else if (System.nanoTime() - stillSince >= still.toNanos()) {
                    return;
                }
                AppInstance.sleep(500);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
        throw new AssertionError(topic + " still grows after " + WAIT.toSeconds() + " s");
    }

    private static void awaitNoLag(String group) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                }
                if (!committed.isEmpty() && lag == 0) {
                    return;
                }
                AppInstance.sleep(500);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the progress of " + group, e);
        }
        throw new AssertionError(group + " still lags after " + WAIT.toSeconds() + " s");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, DeadLetterHeader header) {
        return KafkaStack.headersAsText(record).get(header.key());
    }

    private static JsonNode awaitOk(AppInstance instance, String path) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> answer = instance.getWhenAvailable(path);
        while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
            AppInstance.sleep(500);
            answer = instance.getWhenAvailable(path);
        }
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static void act(String userId, String itemId, InteractionType type, Instant at) {
        UserInteraction interaction = Shop.interaction(userId, itemId, type, at);
        KafkaStack.produce(RecommendationTopics.INTERACTIONS, userId, interaction, Serdes.String().serializer(),
                serdes.valueSerde(UserInteraction.class).serializer());
    }

    private static void item(Item item) {
        KafkaStack.produce(RecommendationTopics.ITEMS, item.getItemId(), item, Serdes.String().serializer(),
                serdes.valueSerde(Item.class).serializer());
    }

    /** A catalog writer that predates stock: Item v1 from the released history. */
    private static void itemWithV1Schema(String itemId, String category) {
        Schema v1;
        try (InputStream in = RecommendationUpdaterIntegrationTest.class.getResourceAsStream("/schema-history/shop/Item/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(v1.getField("inStock")).isNull();
        GenericRecord record = new GenericData.Record(v1);
        record.put("itemId", itemId);
        record.put("title", "Old shade");
        record.put("category", category);
        record.put("price", new Conversions.DecimalConversion().toBytes(new BigDecimal("12.50"),
                v1.getField("price").schema(), LogicalTypes.decimal(12, 2)));
        record.put("tags", List.of("linen"));
        KafkaStack.produce(RecommendationTopics.ITEMS, itemId, record, Serdes.String().serializer(),
                serdes.genericValueSerde().serializer());
    }
}
