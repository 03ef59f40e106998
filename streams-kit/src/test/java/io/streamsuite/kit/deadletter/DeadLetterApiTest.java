package io.streamsuite.kit.deadletter;

import static io.streamsuite.kit.deadletter.Fixtures.await;
import static io.streamsuite.kit.deadletter.Fixtures.event;
import static io.streamsuite.kit.deadletter.Fixtures.keyStartsWith;
import static io.streamsuite.kit.deadletter.Fixtures.produce;
import static io.streamsuite.kit.deadletter.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.deadletter.Fixtures.Sent;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WithKafkaStack
class DeadLetterApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext app;
    private static PoisonService service;
    private static String deadLetterTopic;
    private static String baseUrl;
    private static AvroSerdes serdes;

    @BeforeAll
    static void startService() {
        app = PoisonApplication.start("dl-api");
        service = app.getBean(PoisonService.class);
        deadLetterTopic = app.getBean(StreamsKitProperties.class).resolvedDeadLetterTopic();
        baseUrl = PoisonApplication.baseUrl(app);
        serdes = Fixtures.serdes();
    }

    @AfterAll
    static void stopService() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void listsDeadLettersNewestFirstAndPagesWithTheCursor() {
        // One key: one input partition and one DLQ partition, so failure order is known.
        String key = KafkaStack.uniqueName("browse");
        List<Sent> sent = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            sent.add(produce(service.input, key, event("b" + i, PoisonService.BOOM), serdes));
        }
        Sent garbage = produce(service.input, key, utf8("garbage, not Avro"));
        sent.add(garbage);
        await(deadLetterTopic, keyStartsWith(key), sent.size());
        int total = KafkaStack.readAll(deadLetterTopic).size();

        List<JsonNode> entries = new ArrayList<>();
        JsonNode first = getJson("/api/dead-letters?limit=3", 200);
        assertThat(first.get("topic").asString()).isEqualTo(deadLetterTopic);
        assertThat(first.get("entries")).hasSize(3);
        JsonNode page = first;
        int pages = 1;
        while (true) {
            page.get("entries").forEach(entries::add);
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = getJson("/api/dead-letters?limit=3&before=" + page.get("nextCursor").asString(), 200);
            pages++;
        }

        assertThat(entries).hasSize(total);
        assertThat(pages).isEqualTo((total + 2) / 3);
        Set<String> positions = new HashSet<>();
        entries.forEach(entry -> positions.add(entry.get("partition").asInt() + "/" + entry.get("offset").asLong()));
        assertThat(positions).hasSize(total);
        List<Long> failedAt = entries.stream().map(entry -> java.time.Instant.parse(entry.get("failedAt").asString()).toEpochMilli()).toList();
        assertThat(failedAt).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<JsonNode> mine = entries.stream()
                .filter(entry -> key.equals(new String(Base64.getDecoder().decode(entry.get("keyBase64").asString()), StandardCharsets.UTF_8)))
                .toList();
        // Newest first is failure order; within one processing path that is source order.
        assertThat(mine).extracting(entry -> entry.get("offset").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(mine).extracting(entry -> entry.get("sourceOffset").asLong())
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Sent::offset).toList());
        List<Long> booms = new ArrayList<>(sent.subList(0, 6).stream().map(Sent::offset).toList());
        java.util.Collections.reverse(booms);
        assertThat(mine).filteredOn(entry -> entry.get("reason").asString().equals("processing"))
                .extracting(entry -> entry.get("sourceOffset").asLong()).containsExactlyElementsOf(booms);

        JsonNode newest = entries.stream().filter(entry -> entry.get("sourceOffset").asLong() == garbage.offset()
                && entry.get("sourceTopic").asString().equals(service.input)).findFirst().orElseThrow();
        assertThat(newest.get("reason").asString()).isEqualTo("deserialization");
        assertThat(Base64.getDecoder().decode(newest.get("valueBase64").asString())).isEqualTo(garbage.value());
        assertThat(newest.get("valuePreview").isNull()).isTrue();
        assertThat(newest.get("keyPreview").isNull()).isTrue();
        assertThat(newest.get("replayed").asBoolean()).isFalse();
        JsonNode boom = entries.stream().filter(entry -> entry.get("sourceOffset").asLong() == sent.get(0).offset()
                && entry.get("sourceTopic").asString().equals(service.input)).findFirst().orElseThrow();
        assertThat(boom.get("reason").asString()).isEqualTo("processing");
        assertThat(boom.get("exception").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(boom.get("processorNodeId").asString()).isEqualTo(PoisonService.PROCESS_NODE);
        assertThat(boom.get("valuePreview").get("id").asString()).isEqualTo("b1");
        assertThat(boom.get("valuePreview").get("kind").asString()).isEqualTo(PoisonService.BOOM);
        assertThat(boom.get("valuePreview").get("amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(boom.get("headers").get(DeadLetterHeader.TASK_ID.key()).asString()).isEqualTo("0_" + sent.get(0).partition());
    }

    @Test
    void refusesBadPagingInputWithProblemBodies() {
        for (String query : List.of("limit=0", "limit=501", "limit=-3", "limit=lots", "before=not-a-cursor",
                "before=" + URLEncoder.encode("%%%", StandardCharsets.UTF_8))) {
            HttpResponse<String> response = get("/api/dead-letters?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).as(query).isEqualTo(400);
            assertThat(problem.get("detail").asString()).as(query).isNotBlank();
            assertThat(response.body()).as(query).doesNotContain("\tat ");
        }
    }

    @Test
    void replaysTheExactBytesToTheSourceTopicOnceUnlessForced() {
        service.rejectedKinds.add("held");
        String key = KafkaStack.uniqueName("replay");
        Sent held = produce(service.input, key, event("r1", "held"), serdes);
        ConsumerRecord<byte[], byte[]> deadLetter = await(deadLetterTopic, keyStartsWith(key), 1).get(0);
        service.rejectedKinds.remove("held");
        String entries = "{\"entries\":[{\"partition\":" + deadLetter.partition() + ",\"offset\":" + deadLetter.offset() + "}]";

        JsonNode replayed = postJson(entries + ",\"force\":false}", 200).get("results").get(0);
        assertThat(replayed.get("outcome").asString()).isEqualTo("REPLAYED");
        assertThat(replayed.get("sourceTopic").asString()).isEqualTo(service.input);
        String[] target = replayed.get("replayedTo").asString().split("/");
        assertThat(target[0]).isEqualTo(service.input);
        assertThat(Integer.parseInt(target[1])).isEqualTo(held.partition());
        ConsumerRecord<byte[], byte[]> copy = KafkaStack.readAll(service.input).stream()
                .filter(record -> record.partition() == Integer.parseInt(target[1]) && record.offset() == Long.parseLong(target[2]))
                .findFirst().orElseThrow();
        assertThat(copy.key()).isEqualTo(held.keyBytes());
        assertThat(copy.value()).isEqualTo(held.value());
        Map<String, String> headers = KafkaStack.headersAsText(copy);
        assertThat(headers).containsEntry(DeadLetterHeader.REPLAY_OF.key(),
                deadLetterTopic + "/" + deadLetter.partition() + "/" + deadLetter.offset());
        assertThat(headers).containsKey(DeadLetterHeader.REPLAY_AT.key());
        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("__streams.errors."));
        assertThat(await(service.output, keyStartsWith(key), 1)).hasSize(1);

        HttpResponse<String> again = post(entries + "}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode refusal = JSON.readTree(again.body());
        assertThat(refusal.get("results").get(0).get("outcome").asString()).isEqualTo("ALREADY_REPLAYED");
        assertThat(refusal.get("results").get(0).get("replayedTo").asString()).isEqualTo(replayed.get("replayedTo").asString());

        JsonNode forced = postJson(entries + ",\"force\":true}", 200).get("results").get(0);
        assertThat(forced.get("outcome").asString()).isEqualTo("REPLAYED");
        assertThat(forced.get("replayedTo").asString()).isNotEqualTo(replayed.get("replayedTo").asString());
        assertThat(await(service.output, keyStartsWith(key), 2)).hasSize(2);

        JsonNode listed = findEntry(deadLetter.partition(), deadLetter.offset());
        assertThat(listed.get("replayed").asBoolean()).isTrue();
        assertThat(listed.get("lastReplay").get("target").asString()).isEqualTo(forced.get("replayedTo").asString());
    }

    @Test
    void answersUnknownDeadLettersWith404AndMalformedReplaysWith400() {
        HttpResponse<String> unknownOffset = post("{\"entries\":[{\"partition\":0,\"offset\":987654321}]}");
        HttpResponse<String> unknownPartition = post("{\"entries\":[{\"partition\":99,\"offset\":0}]}");

        for (HttpResponse<String> response : List.of(unknownOffset, unknownPartition)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
        }
        for (String body : List.of("{\"entries\":[]}", "{\"entries\":[{\"partition\":0}]}", "{not json", "",
                "{\"entries\":[{\"partition\":-1,\"offset\":0}]}")) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        }
    }

    private static JsonNode findEntry(int partition, long offset) {
        JsonNode page = getJson("/api/dead-letters?limit=500", 200);
        while (true) {
            for (JsonNode entry : page.get("entries")) {
                if (entry.get("partition").asInt() == partition && entry.get("offset").asLong() == offset) {
                    return entry;
                }
            }
            if (page.get("nextCursor").isNull()) {
                throw new AssertionError("dead letter " + partition + "/" + offset + " not listed");
            }
            page = getJson("/api/dead-letters?limit=500&before=" + page.get("nextCursor").asString(), 200);
        }
    }

    private static JsonNode getJson(String path, int status) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static JsonNode postJson(String body, int status) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as("POST %s: %s", body, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header(TestTokens.HEADER, TestTokens.operator()).GET().build());
    }

    private static HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/dead-letters/replay"))
                .header("Content-Type", "application/json")
                .header(TestTokens.HEADER, TestTokens.operator())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
