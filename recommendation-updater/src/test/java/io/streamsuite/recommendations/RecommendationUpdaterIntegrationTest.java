package io.streamsuite.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
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
 * Two instances on a real broker and registry: an Item written with schema v1 (no stock) is read by the
 * v2 service as in stock and recommended; any instance answers for any user; bad input is a 400 problem;
 * a poison interaction lands in the dead-letter topic.
 */
@WithKafkaStack
class RecommendationUpdaterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DLQ = RecommendationTopics.APPLICATION_ID + ".dlq";
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));

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

        act("it-alice", "it-lamp", InteractionType.PURCHASE, BASE);
        act("it-alice", "it-old-shade", InteractionType.PURCHASE, BASE.plusSeconds(30));
        KafkaStack.produce(RecommendationTopics.INTERACTIONS, "poison-recs-1".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x13, 0x37, 0x00, 0x42});
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
    void poisonInteractionLandsInTheDeadLetterTopic() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConsumerRecord<byte[], byte[]>> found = List.of();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = KafkaStack.readAll(DLQ).stream()
                    .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals("poison-recs-1"))
                    .toList();
            AppInstance.sleep(500);
        }
        assertThat(found).singleElement().satisfies(r -> assertThat(r.value()).containsExactly(0x13, 0x37, 0x00, 0x42));
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
