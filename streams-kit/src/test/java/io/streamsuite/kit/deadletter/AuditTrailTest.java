package io.streamsuite.kit.deadletter;

import static io.streamsuite.kit.deadletter.Fixtures.await;
import static io.streamsuite.kit.deadletter.Fixtures.event;
import static io.streamsuite.kit.deadletter.Fixtures.keyStartsWith;
import static io.streamsuite.kit.deadletter.Fixtures.produce;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.security.AuditLog;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Replays, refusals and failed state changes leave one structured record each in the audit log and topic. */
@WithKafkaStack
class AuditTrailTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static AppInstance app;
    private static PoisonService service;
    private static String deadLetterTopic;
    private static String auditTopic;
    private static final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();

    @BeforeAll
    static void start() {
        String applicationId = KafkaStack.uniqueName("audit");
        app = AppInstance.start(PoisonApplication.class, applicationId, Map.of("poison.topic-prefix", applicationId));
        service = app.bean(PoisonService.class);
        deadLetterTopic = app.bean(StreamsKitProperties.class).resolvedDeadLetterTopic();
        auditTopic = app.bean(AuditLog.class).topic();
        // After start-up: Spring Boot resets logback's configuration while it starts.
        auditLines.start();
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(auditLines);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(auditLines);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void replaysRefusalsAndFailuresAreAuditedWithWhoWhatWhenAndOutcome() {
        AvroSerdes serdes = Fixtures.serdes();
        service.rejectedKinds.add("held");
        String key = KafkaStack.uniqueName("audited");
        produce(service.input, key, event("a1", "held"), serdes);
        ConsumerRecord<byte[], byte[]> deadLetter = await(deadLetterTopic, keyStartsWith(key), 1).get(0);
        service.rejectedKinds.remove("held");
        String replay = "{\"entries\":[{\"partition\":" + deadLetter.partition() + ",\"offset\":" + deadLetter.offset() + "}]}";
        Instant before = Instant.now().minusSeconds(1);

        assertThat(app.get("/api/dead-letters?secret=in-the-query", null).statusCode()).isEqualTo(401);
        assertThat(app.post("/api/dead-letters/replay", replay, TestTokens.reader()).statusCode()).isEqualTo(403);
        assertThat(app.post("/api/dead-letters/replay", replay, TestTokens.operator()).statusCode()).isEqualTo(200);
        assertThat(app.post("/api/dead-letters/replay", "{\"entries\":[]}", TestTokens.operator()).statusCode()).isEqualTo(400);
        assertThat(app.get("/api/dead-letters", TestTokens.operator()).statusCode()).as("a read is not audited").isEqualTo(200);

        List<JsonNode> topic = KafkaStack.readAll(auditTopic, 4, Duration.ofSeconds(60)).stream()
                .map(record -> JSON.readTree(new String(record.value(), StandardCharsets.UTF_8))).toList();
        assertThat(topic).hasSize(4);
        JsonNode unauthenticated = topic.get(0);
        assertThat(unauthenticated.get("who").asString()).isEqualTo("anonymous");
        assertThat(unauthenticated.get("action").asString()).isEqualTo("GET /api/dead-letters");
        assertThat(unauthenticated.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(unauthenticated.get("status").asInt()).isEqualTo(401);
        assertThat(Instant.parse(unauthenticated.get("at").asString())).isAfter(before).isBefore(Instant.now());
        assertThat(unauthenticated.toString()).doesNotContain("in-the-query");

        JsonNode forbidden = topic.get(1);
        assertThat(forbidden.get("who").asString()).isEqualTo("test-reader");
        assertThat(forbidden.get("action").asString()).isEqualTo("POST /api/dead-letters/replay");
        assertThat(forbidden.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(forbidden.get("status").asInt()).isEqualTo(403);
        assertThat(forbidden.get("reason").asString()).contains("streams.operate");

        JsonNode replayed = topic.get(2);
        assertThat(replayed.get("who").asString()).isEqualTo("test-operator");
        assertThat(replayed.get("action").asString()).isEqualTo("POST /api/dead-letters/replay");
        assertThat(replayed.get("outcome").asString()).isEqualTo("OK");
        assertThat(replayed.get("status").asInt()).isEqualTo(200);
        JsonNode result = replayed.get("details").get("replay").get(0);
        assertThat(result.get("partition").asInt()).isEqualTo(deadLetter.partition());
        assertThat(result.get("offset").asLong()).isEqualTo(deadLetter.offset());
        assertThat(result.get("outcome").asString()).isEqualTo("REPLAYED");
        assertThat(result.get("sourceTopic").asString()).isEqualTo(service.input);
        assertThat(result.get("replayedTo").asString()).startsWith(service.input + "/");

        JsonNode refused = topic.get(3);
        assertThat(refused.get("who").asString()).isEqualTo("test-operator");
        assertThat(refused.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(topic).allSatisfy(record -> assertThat(record.get("application").asString())
                .isEqualTo(app.bean(StreamsKitProperties.class).getApplicationId()));

        List<String> logged = auditLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(JSON.readTree(logged.get(i))).as("log line %s is the topic's record", i).isEqualTo(topic.get(i));
        }
    }
}
